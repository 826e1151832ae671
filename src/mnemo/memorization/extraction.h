// k-extractability (Biderman et al. 2023): a training sequence's first `prompt_length`
// tokens are the prompt, `continuation_length` tokens are decoded greedily after it, and
// the memorization score is the fraction of positions where they equal the true
// continuation (1 = memorized, "32-extractable" with the paper's 32 + 32).
#pragma once
#include <torch/types.h>

#include <vector>

#include "mnemo/memorization/causal_lm.h"

namespace mnemo::memorization {

struct ExtractionWindow {
  int64_t prompt_length = 32;
  int64_t continuation_length = 32;
  int64_t total() const { return prompt_length + continuation_length; }
  void validate() const;  // both at least 1
};

// Scores of a batch: `sequences` (B, >= window.total()) int64, read up to window.total().
// One forward pass over the prompts, then one cached step per generated token.
std::vector<double> memorization_scores(CausalLm& model, const torch::Tensor& sequences,
                                        const ExtractionWindow& window);

}  // namespace mnemo::memorization
