// k-extractability (Biderman et al. 2023): the memorization score of a training sequence is
// the fraction of its continuation's positions where greedy decoding after its prompt gives
// the true token (1 = memorized).
#pragma once
#include <torch/types.h>

#include <vector>

#include "mnemo/memorization/causal_lm.h"
#include "mnemo/memorization/window.h"

namespace mnemo::memorization {

// Scores of a batch: `sequences` (B, >= window.total()) int64, read up to window.total().
// One forward pass over the prompts, then one cached step per generated token.
std::vector<double> memorization_scores(CausalLm& model, const torch::Tensor& sequences,
                                        const ExtractionWindow& window);

}  // namespace mnemo::memorization
