// The attention mask of a decoder reading T new positions after `cached` ones.
#pragma once
#include <torch/types.h>

namespace mnemo::nn {

// Additive (B or 1, 1, T, S) mask, S = cached + T: a query sees keys up to its own position,
// and no key that `attention_mask` (B, S; 1 = attend) pads out. Undefined when nothing is
// masked (one new position and no padding).
torch::Tensor causal_mask(int64_t cached, int64_t length, const torch::Tensor& attention_mask,
                          const torch::TensorOptions& options);

}  // namespace mnemo::nn
