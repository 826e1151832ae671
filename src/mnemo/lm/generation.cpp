#include "mnemo/lm/generation.h"

#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <limits>

#include "mnemo/core/error.h"

namespace mnemo::lm {

TokenSampler::TokenSampler(const SamplingOptions& options)
    : options_(options), random_(options.seed) {
  if (!(options.temperature > 0))
    throw Error("sampling: temperature must be positive, got " +
                std::to_string(options.temperature));
  if (options.top_k < 0)
    throw Error("sampling: top-k must be 0 (off) or positive, got " +
                std::to_string(options.top_k));
  if (!(options.top_p > 0 && options.top_p <= 1))
    throw Error("sampling: top-p must lie in (0, 1], got " + std::to_string(options.top_p));
}

int64_t TokenSampler::next(const torch::Tensor& logits) {
  if (!options_.sample) return logits.argmax().item<int64_t>();
  const float removed = -std::numeric_limits<float>::infinity();
  auto scores = logits.to(torch::kFloat) / options_.temperature;
  if (options_.top_k > 0 && options_.top_k < scores.size(0)) {
    const auto kth = std::get<0>(scores.topk(options_.top_k)).min();
    scores = scores.masked_fill(scores < kth, removed);
  }
  if (options_.top_p < 1) {
    // Drop the least likely tokens while what is left still has top_p of the probability.
    const auto sorted = scores.sort(/*dim=*/0, /*descending=*/false);
    const auto& values = std::get<0>(sorted);
    const auto& order = std::get<1>(sorted);
    auto drop = values.softmax(0).cumsum(0) <= (1 - options_.top_p);
    drop[-1] = false;  // the most likely token always stays
    scores = scores.index_fill(0, order.masked_select(drop), removed);
  }
  return draw_token(scores.softmax(0), random_);
}

int64_t draw_token(const torch::Tensor& probabilities, std::mt19937_64& random) {
  const auto p_tensor = probabilities.to(torch::kDouble).contiguous();
  const double* p = p_tensor.data_ptr<double>();
  const int64_t size = p_tensor.size(0);
  double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random);
  for (int64_t i = 0; i < size; ++i) {
    draw -= p[i];
    if (draw < 0 && p[i] > 0) return i;
  }
  int64_t last = size - 1;  // rounding left the draw beyond the sum: the last possible token
  while (last > 0 && p[last] == 0) --last;
  return last;
}

std::vector<int64_t> generate(nn::Gpt2LMHeadModelImpl& model, const std::vector<int64_t>& prompt,
                              const GenerationOptions& options, const torch::Tensor& prefix,
                              const std::function<void(int64_t)>& on_token) {
  const int64_t prefix_length = prefix.defined() ? prefix.size(1) : 0;
  if (prompt.empty() && prefix_length == 0) throw Error("generate: the prompt is empty");
  if (options.max_new_tokens < 0) throw Error("generate: max_new_tokens must not be negative");
  const int64_t total = prefix_length + int64_t(prompt.size()) + options.max_new_tokens;
  if (total > model.config().n_positions)
    throw Error("generate: " + std::to_string(prefix_length + int64_t(prompt.size())) +
                " prompt positions + " + std::to_string(options.max_new_tokens) +
                " new tokens exceed the model's n_positions " +
                std::to_string(model.config().n_positions));
  c10::InferenceMode inference;
  model.eval();
  TokenSampler sampler(options.sampling);
  nn::KvCache cache;
  std::vector<int64_t> sequence = prompt, generated;
  // The input of a step: the whole sequence, or with the cache only what it has not seen.
  auto step_inputs = [&](size_t first_token) {
    std::vector<torch::Tensor> rows;
    if (prefix_length > 0 && first_token == 0) rows.push_back(prefix);
    if (first_token < sequence.size()) {
      const std::vector<int64_t> tokens(sequence.begin() + int64_t(first_token), sequence.end());
      rows.push_back(model.wte(torch::tensor(tokens, torch::kLong).view({1, -1})));
    }
    nn::Gpt2Inputs inputs;
    inputs.inputs_embeds = torch::cat(rows, 1);
    if (options.use_cache) inputs.cache = &cache;
    return inputs;
  };
  size_t unseen = 0;
  while (int64_t(generated.size()) < options.max_new_tokens) {
    const auto hidden = model.hidden_states(step_inputs(options.use_cache ? unseen : 0));
    unseen = sequence.size();
    const int64_t token = sampler.next(model.logits(hidden[0][-1]));
    sequence.push_back(token);
    generated.push_back(token);
    if (on_token) on_token(token);
    if (options.eos_token_id && token == *options.eos_token_id) break;
  }
  return generated;
}

}  // namespace mnemo::lm
