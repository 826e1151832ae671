// The window of k-extractability (Biderman et al. 2023): a training sequence's first
// `prompt_length` tokens are the prompt, the next `continuation_length` are decoded greedily
// and compared ("32-extractable" with the paper's 32 + 32).
#pragma once
#include <cstdint>

namespace mnemo::memorization {

struct ExtractionWindow {
  int64_t prompt_length = 32;
  int64_t continuation_length = 32;
  int64_t total() const { return prompt_length + continuation_length; }
  void validate() const;  // both at least 1
};

}  // namespace mnemo::memorization
