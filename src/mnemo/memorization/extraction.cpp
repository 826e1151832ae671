#include "mnemo/memorization/extraction.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"

namespace mnemo::memorization {

void ExtractionWindow::validate() const {
  if (prompt_length < 1 || continuation_length < 1)
    throw Error("the prompt and the continuation need at least one token each (got " +
                std::to_string(prompt_length) + " and " + std::to_string(continuation_length) +
                ")");
}

std::vector<double> memorization_scores(nn::Gpt2LMHeadModelImpl& model,
                                        const torch::Tensor& sequences,
                                        const ExtractionWindow& window) {
  window.validate();
  if (sequences.dim() != 2 || sequences.size(1) < window.total())
    throw Error("memorization scores need (batch, " + std::to_string(window.total()) +
                ") tokens, got " + std::to_string(sequences.dim()) + " dimensions");
  if (window.total() > model.config().n_positions)
    throw Error("a window of " + std::to_string(window.total()) + " tokens is longer than the " +
                std::to_string(model.config().n_positions) + " positions of the model");
  torch::NoGradGuard no_grad;
  model.eval();
  const auto prompt = sequences.slice(1, 0, window.prompt_length);
  const auto truth = sequences.slice(1, window.prompt_length, window.total());
  nn::KvCache cache;
  nn::Gpt2Inputs inputs;
  inputs.input_ids = prompt;
  inputs.cache = &cache;
  // Only the last position's logits matter: the vocabulary projection of the others is skipped.
  auto next = model.logits(model.hidden_states(inputs).select(1, -1)).argmax(-1);
  std::vector<torch::Tensor> generated{next};
  for (int64_t step = 1; step < window.continuation_length; ++step) {
    inputs.input_ids = next.unsqueeze(1);
    next = model.logits(model.hidden_states(inputs).select(1, -1)).argmax(-1);
    generated.push_back(next);
  }
  const auto scores = torch::stack(generated, 1).eq(truth).to(torch::kFloat64).mean(1);
  const auto* values = scores.contiguous().data_ptr<double>();
  return std::vector<double>(values, values + scores.size(0));
}

}  // namespace mnemo::memorization
