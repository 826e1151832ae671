// `memorization bench`: what scoring a window costs against one forward pass over it, in one
// process with the rounds interleaved, so that the machine's noise falls on all alike.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "mnemo/memorization/window.h"

namespace mnemo::memorization {

struct ScoringBenchSettings {
  std::string model;               // causal LM directory; empty: random weights
  std::string geometry = "small";  // GPT-2 geometry of the random model
  int64_t vocab_size = 50304;      // vocabulary of the random model
  ExtractionWindow window;
  int64_t batch = 128;
  int rounds = 5;         // timed, after one warm-up
  bool uncached = false;  // also greedy decoding without the key/value cache (slow)
};

struct ScoringBenchReport {
  ScoringBenchSettings settings;
  std::string model_type;
  int64_t parameters = 0;
  double forward_seconds = 0;  // medians
  double cached_seconds = 0;
  std::optional<double> uncached_seconds;
  std::string threads;

  double sequences_per_second() const { return settings.batch / cached_seconds; }
  nlohmann::json to_json() const;
};

ScoringBenchReport bench_scoring(const ScoringBenchSettings& settings);

}  // namespace mnemo::memorization
