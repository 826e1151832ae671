// What the `babilong` commands share: tasks made from bAbI files and noise text, input
// lengths as BABILong names them, the evaluation samples, and `babilong make`, which writes
// them to a JSONL file.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/tasks/babilong_generator.h"

namespace mnemo::tasks {

// One generator per bAbI file, named after it (qa1 for qa1_single-supporting-fact_train.txt),
// sharing one noise corpus from `noise` tokenized with `tokenizer`. No file is an error
// asking for --babi.
std::vector<std::shared_ptr<const BabilongGenerator>> babilong_tasks(
    const std::vector<std::string>& babi_files, const std::vector<std::string>& noise,
    const std::shared_ptr<const text::Tokenizer>& tokenizer, const Progress& progress = {});

// "0,1k,4k,1M": input lengths in tokens, k = 1,024 and M = 1,048,576 as in BABILong's names.
// Errors name --lengths.
std::vector<int64_t> parse_lengths(const std::string& text);
// The reverse: 4096 -> "4k".
std::string length_name(int64_t tokens);

// Evaluation sample `i` of `length` input tokens: drawn from the validation questions and
// noise, in a stream of its own, so that `babilong make` and `babilong eval --babi` give the
// same samples for the same seed.
BabilongSample evaluation_sample(const BabilongGenerator& task, uint64_t seed, int64_t length,
                                 int64_t i);

struct BabilongMakeSettings {
  std::vector<std::string> babi;  // bAbI files (qa1..qa20 format)
  std::vector<std::string> noise = {"data/brown.txt"};
  std::string tokenizer;       // directory of the tokenizer lengths are counted in
  std::string lengths = "1k";  // as parse_lengths reads them
  int64_t samples = 100;       // per task and length
  uint64_t seed = 1;
  std::string out;  // JSONL file to write
};

// Writes the samples, one JSON object a line ({"input", "question", "target", "task",
// "length"}), atomically; returns how many.
int64_t make_babilong_samples(const BabilongMakeSettings& settings, const Progress& progress = {});

}  // namespace mnemo::tasks
