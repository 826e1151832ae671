// What the `babilong` commands share: tasks made from bAbI files and noise, input lengths.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mnemo/tasks/babilong_generator.h"

namespace mnemo::cli {

// Evaluation samples come from their own stream of the validation questions and noise;
// `babilong make` and `babilong eval --babi` draw the same ones for the same seed.
constexpr uint64_t kBabilongEvaluationStream = 4;

// One generator per bAbI file, named after it (qa1 for qa1_single-supporting-fact_train.txt),
// sharing one noise corpus from `noise` tokenized with `tokenizer`.
std::vector<std::shared_ptr<const tasks::BabilongGenerator>> babilong_tasks(
    const std::vector<std::string>& babi_files, const std::vector<std::string>& noise,
    const std::shared_ptr<const text::Tokenizer>& tokenizer);

// "0,1k,4k,1M": input lengths in tokens, k = 1,024 and M = 1,048,576 as in BABILong's names.
std::vector<int64_t> parse_lengths(const std::string& text);
// The reverse: 4096 -> "4k".
std::string length_name(int64_t tokens);

}  // namespace mnemo::cli
