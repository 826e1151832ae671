#include "mnemo/rmt/memory_decoder.h"

#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::rmt {

MemoryDecoderImpl::MemoryDecoderImpl(nn::Gpt2LMHeadModel model, int64_t memory_size,
                                     int64_t segment_size)
    : memory_size_(memory_size), segment_size_(segment_size) {
  const auto& config = model->config();
  if (memory_size < 1) throw Error("decoder RMT: the memory size must be positive");
  if (segment_size < 1) throw Error("decoder RMT: the segment size must be positive");
  if (segment_size + 2 * memory_size > config.n_positions)
    throw Error("decoder RMT: a segment of " + std::to_string(segment_size) + " tokens and 2 x " +
                std::to_string(memory_size) + " memory rows exceed n_positions " +
                std::to_string(config.n_positions));
  lm = register_module("lm", model);
  torch::NoGradGuard no_grad;
  const double scale = lm->wte->weight.std().item<double>();
  memory = register_parameter("memory", torch::randn({memory_size, config.n_embd}) * scale);
}

torch::Tensor MemoryDecoderImpl::initial_memory(int64_t batch) {
  return memory.unsqueeze(0).expand({batch, memory_size_, memory.size(1)});
}

int64_t MemoryDecoderImpl::segments_of(int64_t length) const {
  return std::max<int64_t>(1, (length + segment_size_ - 1) / segment_size_);
}

DecoderStep MemoryDecoderImpl::step(const torch::Tensor& ids, const torch::Tensor& attention,
                                    const torch::Tensor& memory_in) {
  const int64_t batch = ids.size(0), length = ids.size(1), m = memory_size_;
  if (length > segment_size_)
    throw Error("decoder RMT: a segment of " + std::to_string(length) + " tokens, more than " +
                std::to_string(segment_size_));
  nn::Gpt2Inputs inputs;
  inputs.inputs_embeds = torch::cat({memory_in, lm->wte(ids), memory_in}, 1);
  const auto ones = torch::ones({batch, m}, attention.options());
  inputs.attention_mask = torch::cat({ones, attention, ones}, 1);
  const auto hidden = lm->hidden_states(inputs);
  DecoderStep out;
  out.hidden = hidden.slice(1, m, m + length);
  const auto written = hidden.slice(1, m + length, 2 * m + length);
  const auto has_tokens = attention.sum(1).gt(0).view({batch, 1, 1});
  out.memory = torch::where(has_tokens, written, memory_in);
  return out;
}

torch::Tensor MemoryDecoderImpl::hidden_states(const torch::Tensor& ids,
                                               const torch::Tensor& attention, int64_t bptt_depth) {
  if (ids.dim() != 2 || ids.sizes() != attention.sizes())
    throw Error("decoder RMT: ids and attention must have one (B, L) shape, got " +
                nn::shape_text(ids.sizes()) + " and " + nn::shape_text(attention.sizes()));
  const int64_t batch = ids.size(0), length = ids.size(1), steps = segments_of(length);
  auto memory_state = initial_memory(batch);
  std::vector<torch::Tensor> hidden;
  for (int64_t t = 0; t < steps; ++t) {
    if (bptt_depth > 0 && t == steps - bptt_depth) memory_state = memory_state.detach();
    const int64_t start = t * segment_size_, end = std::min(length, start + segment_size_);
    auto out = step(ids.slice(1, start, end), attention.slice(1, start, end), memory_state);
    hidden.push_back(out.hidden);
    memory_state = out.memory;
  }
  return torch::cat(hidden, 1);
}

std::pair<torch::Tensor, torch::Tensor> MemoryDecoderImpl::target_logits(
    const torch::Tensor& ids, const torch::Tensor& attention, const torch::Tensor& targets,
    int64_t bptt_depth) {
  if (ids.sizes() != targets.sizes())
    throw Error("decoder RMT: ids and targets must have one (B, L) shape");
  const int64_t length = ids.size(1);
  // Position i predicts token i+1, across segment boundaries too.
  const auto wanted = targets.slice(1, 1, length).to(torch::kBool);
  if (!wanted.any().item<bool>()) throw Error("decoder RMT: no target tokens");
  const auto hidden = hidden_states(ids, attention, bptt_depth).slice(1, 0, length - 1);
  return {lm->logits(hidden.index({wanted})), ids.slice(1, 1, length).index({wanted})};
}

torch::Tensor MemoryDecoderImpl::loss(const torch::Tensor& ids, const torch::Tensor& attention,
                                      const torch::Tensor& targets, int64_t bptt_depth) {
  const auto [logits, tokens] = target_logits(ids, attention, targets, bptt_depth);
  return torch::cross_entropy_loss(logits, tokens);
}

std::vector<int64_t> MemoryDecoderImpl::continue_text(const std::vector<int64_t>& context,
                                                      const lm::GenerationOptions& options) {
  if (context.empty()) throw Error("decoder RMT: nothing to continue");
  c10::InferenceMode inference;
  eval();
  const int64_t steps = segments_of(int64_t(context.size()));
  auto memory_state = initial_memory(1);
  const auto ids = torch::tensor(context, torch::kLong).view({1, -1});
  for (int64_t t = 0; t + 1 < steps; ++t) {
    const auto segment = ids.slice(1, t * segment_size_, (t + 1) * segment_size_);
    memory_state = step(segment, torch::ones_like(segment), memory_state).memory;
  }
  const std::vector<int64_t> last(context.begin() + (steps - 1) * segment_size_, context.end());
  return lm::generate(*lm, last, options, memory_state);
}

}  // namespace mnemo::rmt
