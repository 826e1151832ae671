// How a language model picks each next token, kept free of torch so that settings structs of
// the commands can hold it.
#pragma once
#include <cstdint>

namespace mnemo::lm {

struct SamplingOptions {
  bool sample = false;       // greedy (argmax) when false
  double temperature = 1.0;  // > 0
  int64_t top_k = 0;         // keep the k most likely tokens; 0 keeps all
  double top_p = 1.0;        // keep the smallest set of tokens with this much probability
  uint64_t seed = 0;
};

}  // namespace mnemo::lm
