#include "mnemo/memorization/extraction.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::memorization {

std::vector<double> memorization_scores(CausalLm& model, const torch::Tensor& sequences,
                                        const ExtractionWindow& window) {
  window.validate();
  if (sequences.dim() != 2 || sequences.size(1) < window.total())
    throw Error("memorization scores need (batch, " + std::to_string(window.total()) +
                ") tokens, got " + nn::shape_text(sequences.sizes()));
  if (window.total() > model.max_positions())
    throw Error("a window of " + std::to_string(window.total()) + " tokens is longer than the " +
                std::to_string(model.max_positions()) + " positions of the model");
  torch::NoGradGuard no_grad;
  const auto truth = sequences.slice(1, window.prompt_length, window.total());
  nn::KvCache cache;
  auto next = model.next_logits(sequences.slice(1, 0, window.prompt_length), cache).argmax(-1);
  std::vector<torch::Tensor> generated{next};
  for (int64_t step = 1; step < window.continuation_length; ++step) {
    next = model.next_logits(next.unsqueeze(1), cache).argmax(-1);
    generated.push_back(next);
  }
  const auto scores = torch::stack(generated, 1).eq(truth).to(torch::kFloat64).mean(1);
  const auto* values = scores.contiguous().data_ptr<double>();
  return std::vector<double>(values, values + scores.size(0));
}

}  // namespace mnemo::memorization
