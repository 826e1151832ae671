#include "mnemo/nn/causal_mask.h"

#include <torch/torch.h>

#include <limits>

namespace mnemo::nn {

torch::Tensor causal_mask(int64_t cached, int64_t length, const torch::Tensor& attention_mask,
                          const torch::TensorOptions& options) {
  const int64_t total = cached + length;
  const float lowest = std::numeric_limits<float>::lowest();
  torch::Tensor mask;
  if (length > 1) {
    auto visible = torch::ones({length, total}, options.dtype(torch::kBool)).tril(cached);
    mask = torch::zeros({length, total}, options).masked_fill(visible.logical_not(), lowest);
    mask = mask.view({1, 1, length, total});
  }
  if (attention_mask.defined()) {
    auto padding = (1.0 - attention_mask.to(options.dtype())) * lowest;  // (B, S)
    padding = padding.view({attention_mask.size(0), 1, 1, total});
    mask = mask.defined() ? mask + padding : padding;
  }
  return mask;
}

}  // namespace mnemo::nn
