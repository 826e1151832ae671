#include "mnemo/rmt/backprop.h"

#include <ATen/CPUGeneratorImpl.h>

#include <functional>

#include "mnemo/core/error.h"

namespace mnemo::rmt {
namespace {

using Samples = std::vector<const std::vector<int32_t>*>;

torch::Tensor segment_loss(const torch::Tensor& logits, const torch::Tensor& labels,
                           const torch::Tensor& active) {
  return torch::cross_entropy_loss(logits, labels.index_select(0, active));
}

double backward_full(MemoryEncoderImpl& model, const Samples& samples, const torch::Tensor& labels,
                     const LossOptions& options) {
  ForwardOptions forward;
  forward.bptt_depth = options.bptt_depth;
  forward.keep_segment_logits = options.all_segments;
  const auto output = model.forward(samples, forward);
  torch::Tensor loss;
  if (options.all_segments) {
    loss = torch::zeros({});
    for (const auto& segment : output.segments)
      loss = loss + segment_loss(segment.logits, labels, segment.active);
  } else {
    loss = torch::cross_entropy_loss(output.logits, labels);
  }
  loss = loss * options.scale;
  loss.backward();
  return loss.item<double>();
}

// One segment of a recurrent model run from the memory entering it: the memory it writes
// and its (scaled) loss, undefined when the segment carries none.
struct SegmentOutput {
  torch::Tensor memory;
  torch::Tensor loss;
};
using SegmentRunner = std::function<SegmentOutput(int64_t t, const torch::Tensor& memory)>;

// The recompute strategy for any memory model: `initial_memory` gives segment 0's memory (with
// a graph to the learned rows), `has_loss(t)` tells which segments carry a loss.
double backward_recompute(int64_t steps, const std::function<torch::Tensor()>& initial_memory,
                          const SegmentRunner& run, const std::function<bool(int64_t)>& has_loss,
                          int64_t bptt_depth) {
  auto generator = at::detail::getDefaultCPUGenerator();
  // The segment whose incoming memory is detached: no gradient crosses into it.
  const int64_t cut = bptt_depth > 0 ? steps - bptt_depth : 0;

  // Pass 1, no graph: the memory entering each segment and the RNG state before it.
  std::vector<torch::Tensor> memory_in, rng_state;
  {
    torch::NoGradGuard no_grad;
    auto memory = initial_memory();
    for (int64_t t = 0; t < steps; ++t) {
      memory_in.push_back(memory);
      rng_state.push_back(generator.get_state());
      memory = run(t, memory).memory;
    }
  }
  const auto rng_after = generator.get_state();

  // Pass 2, last segment to first: re-run one segment with a graph, backpropagate its loss
  // and the gradient its output memory received from the next segment.
  double total = 0;
  torch::Tensor memory_grad;  // d(loss)/d(memory entering segment t+1); undefined = none
  for (int64_t t = steps - 1; t >= 0; --t) {
    if (!has_loss(t) && !memory_grad.defined()) continue;
    generator.set_state(rng_state[t]);
    const bool leaf = t > 0;  // segment 0's memory is the learned rows themselves
    const auto memory = leaf ? memory_in[t].detach().requires_grad_(true) : initial_memory();
    const auto out = run(t, memory);
    std::vector<torch::Tensor> roots, grads;
    if (out.loss.defined()) {
      total += out.loss.item<double>();
      roots.push_back(out.loss);
      grads.push_back(torch::ones_like(out.loss));
    }
    if (memory_grad.defined()) {
      roots.push_back(out.memory);
      grads.push_back(memory_grad);
    }
    torch::autograd::backward(roots, grads);
    memory_grad = leaf && t != cut ? memory.grad() : torch::Tensor();
  }
  generator.set_state(rng_after);
  return total;
}

double backward_recompute(MemoryEncoderImpl& model, const Samples& samples,
                          const torch::Tensor& labels, const LossOptions& options) {
  const auto batch = static_cast<int64_t>(samples.size());
  const int64_t steps = batch_steps(samples, model.config().usable());
  const auto has_loss = [&](int64_t t) { return options.all_segments || t == steps - 1; };
  return backward_recompute(
      steps, [&] { return model.initial_memory(batch); },
      [&](int64_t t, const torch::Tensor& memory) {
        const auto segment = build_segment_batch(samples, t, steps, model.config());
        auto out = model.step(segment, memory);
        SegmentOutput result{out.memory, {}};
        if (has_loss(t) && torch::GradMode::is_enabled())
          result.loss = segment_loss(out.logits, labels, segment.active) * options.scale;
        return result;
      },
      has_loss, options.bptt_depth);
}

// The decoder's loss summed over the tokens predicted from positions [start, end): position i
// predicts token i+1, so the last position of a segment predicts the next segment's first.
torch::Tensor decoder_segment_loss(MemoryDecoderImpl& model, const torch::Tensor& hidden,
                                   const torch::Tensor& ids, const torch::Tensor& targets,
                                   int64_t start) {
  const int64_t length = ids.size(1);
  const int64_t next = std::min(length, start + hidden.size(1) + 1);
  const auto wanted = targets.slice(1, start + 1, next).to(torch::kBool);
  const auto logits = model.lm->logits(hidden.slice(1, 0, next - start - 1).index({wanted}));
  return torch::cross_entropy_loss(logits, ids.slice(1, start + 1, next).index({wanted}), {},
                                   at::Reduction::Sum);
}

}  // namespace

Bptt parse_bptt(const std::string& name) {
  if (name == "full") return Bptt::full;
  if (name == "recompute") return Bptt::recompute;
  throw Error("unknown BPTT strategy '" + name + "' (expected full or recompute)");
}

std::string bptt_name(Bptt bptt) { return bptt == Bptt::full ? "full" : "recompute"; }

double accumulate_gradients(MemoryEncoderImpl& model, const Samples& samples,
                            const torch::Tensor& labels, const LossOptions& options) {
  if (labels.size(0) != static_cast<int64_t>(samples.size()))
    throw Error("RMT loss: " + std::to_string(labels.size(0)) + " labels for " +
                std::to_string(samples.size()) + " samples");
  return options.strategy == Bptt::full ? backward_full(model, samples, labels, options)
                                        : backward_recompute(model, samples, labels, options);
}

double accumulate_gradients(MemoryDecoderImpl& model, const torch::Tensor& ids,
                            const torch::Tensor& attention, const torch::Tensor& targets,
                            const LossOptions& options) {
  if (options.strategy == Bptt::full) {
    const auto loss = model.loss(ids, attention, targets, options.bptt_depth) * options.scale;
    loss.backward();
    return loss.item<double>();
  }
  const int64_t length = ids.size(1), segment = model.segment_size();
  const int64_t steps = model.segments_of(length);
  const auto count = targets.slice(1, 1).sum().item<int64_t>();
  if (count == 0) throw Error("decoder RMT loss: no target tokens");
  const auto has_loss = [&](int64_t t) {
    const int64_t start = t * segment + 1, end = std::min(length, (t + 1) * segment + 1);
    return start < end && targets.slice(1, start, end).any().item<bool>();
  };
  return backward_recompute(
      steps, [&] { return model.initial_memory(ids.size(0)); },
      [&](int64_t t, const torch::Tensor& memory) {
        const int64_t start = t * segment, end = std::min(length, start + segment);
        auto out = model.step(ids.slice(1, start, end), attention.slice(1, start, end), memory);
        SegmentOutput result{out.memory, {}};
        if (has_loss(t) && torch::GradMode::is_enabled())
          result.loss = decoder_segment_loss(model, out.hidden, ids, targets, start) *
                        (options.scale / static_cast<double>(count));
        return result;
      },
      has_loss, options.bptt_depth);
}

}  // namespace mnemo::rmt
