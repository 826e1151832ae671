// `lm eval`: perplexity of a decoder RMT on windows of text files it did not train on.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::eval {

struct LmEvalSettings {
  std::string model;              // decoder RMT model directory, or a run directory (its model/)
  std::vector<std::string> data;  // plain-text files, all of it held out
  int64_t segments = 1;           // per window
  int64_t windows = 64;           // drawn at seeded offsets
  int64_t batch = 8;              // windows per forward pass
  uint64_t seed = 1;              // of the offsets
};

struct LmEvalResult {
  std::string model;
  int64_t segments = 0, windows = 0;
  int64_t tokens = 0;  // predicted tokens
  double loss = 0;     // mean next-token cross-entropy, nats
  double perplexity = 0;

  // {"model", "segments", "windows", "tokens", "loss", "perplexity"}
  nlohmann::json to_json() const;
};

LmEvalResult evaluate_language_model(const LmEvalSettings& settings);

}  // namespace mnemo::eval
