// `rmt run`: a question about text files of any length, answered by an encoder RMT that
// reads them as a stream (rmt::MemoryStream), so memory use does not grow with the input.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "mnemo/core/progress.h"

namespace mnemo::rmt {

struct AnswerSettings {
  std::string model;                // model directory or training run directory
  std::vector<std::string> inputs;  // text files, read in order as one input
  std::string question;             // appended after the input
};

struct Answer {
  std::string answer;                                         // the most probable label
  std::vector<std::pair<std::string, double>> probabilities;  // per label, in label order
  size_t tokens = 0;                                          // input and question
  int64_t segments = 0;
  double seconds = 0;  // reading and answering, without the counting pass
  double tokens_per_s = 0;
  double peak_rss_mb = 0;  // the process's, at the end

  // {"answer", "probabilities": {label: p}, "tokens", "segments", "seconds", "tokens_per_s",
  // "peak_rss_mb"}
  nlohmann::json to_json() const;
};

// Progress: bytes of the counting pass (segments are right-aligned, so the length comes
// first), then segments with tokens/s and the time left.
Answer answer_question(const AnswerSettings& settings, const Progress& progress = {});

}  // namespace mnemo::rmt
