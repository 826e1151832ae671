// The quantities the BEB theorems take, measured on models (`beb estimate`, `beb alpha`):
// beta, beta' and sigma of two components, and the mixture weight alpha that best explains
// what a model writes as alpha P- + (1 - alpha) P+. Each writes its JSON to `out` if given.
#pragma once
#include <cstdint>
#include <string>

#include "mnemo/beb/estimation.h"
#include "mnemo/beb/model_choice.h"
#include "mnemo/core/progress.h"

namespace mnemo::beb {

struct EstimateSettings {
  std::string positive, negative;        // P+ and P-: GPT-2 directories with their tokenizer
  std::string prefixes;                  // prefixes, one a line, taken in turn; empty: sampled
  std::string out;                       // the estimates as JSON; empty: not written
  DistinguishabilityOptions estimation;  // its prefixes come from `prefixes`
  int64_t max_sentence_tokens = 48;
};

struct EstimateResult {
  Distinguishability found;
  double seconds = 0;
};

EstimateResult estimate_components(const EstimateSettings& settings, const Progress& progress = {});

struct AlphaSettings {
  ModelChoice model;               // the model explained
  std::string positive, negative;  // the components
  std::string data;  // sentences, one a line: fit the model's log-likelihoods of them;
                     // empty: fit `samples` sentences the model samples
  std::string out;   // the estimate as JSON; empty: not written
  int64_t samples = 256;
  uint64_t seed = 0;
  int64_t max_sentence_tokens = 48;
};

struct AlphaResult {
  MixtureWeight fit;
  int64_t sentences = 0;  // fitted
  int64_t cut = 0;        // sentences of `data` cut to max_sentence_tokens
};

AlphaResult fit_model_alpha(const AlphaSettings& settings, const Progress& progress = {});

}  // namespace mnemo::beb
