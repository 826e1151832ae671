// `babilong eval`: accuracy of a decoder RMT per task and input length, answers generated
// greedily after "Answer:" and scored as BABILong does, on samples read from BABILong files
// or made from bAbI files and noise text.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/eval/report.h"

namespace mnemo::eval {

struct BabilongEvalSettings {
  std::string model;              // decoder RMT model directory, or a run directory (its model/)
  std::vector<std::string> data;  // BABILong JSON or JSONL files (input, question, target)
  std::vector<std::string> babi;  // bAbI files to make samples from, one per task
  std::vector<std::string> noise = {"data/brown.txt"};  // noise text for `babi` samples
  std::string lengths = "0,1k,2k,4k";  // input lengths of `babi` samples (parse_lengths)
  int64_t samples = 50;                // per task and length
  uint64_t seed = 1;                   // of the samples
  int64_t max_new_tokens = 10;         // answer tokens to generate
};

struct BabilongEvalResult {
  // A row per task and column: `model` is the task (a --data file's stem, or qa1 ...),
  // `segments` the column's index, `tokens` the longest prompt.
  std::vector<AccuracyRow> rows;
  // Column names: each --data file's name, then the lengths of the --babi samples ("4k").
  std::vector<std::string> columns;

  // results_json(rows), each row with its column's name as "length".
  nlohmann::json to_json() const;
};

// Neither data nor babi is an error.
BabilongEvalResult evaluate_babilong(const BabilongEvalSettings& settings,
                                     const Progress& progress = {});

}  // namespace mnemo::eval
