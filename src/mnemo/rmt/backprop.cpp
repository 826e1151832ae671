#include "mnemo/rmt/backprop.h"

#include <ATen/CPUGeneratorImpl.h>

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

double backward_recompute(MemoryEncoderImpl& model, const Samples& samples,
                          const torch::Tensor& labels, const LossOptions& options) {
  auto generator = at::detail::getDefaultCPUGenerator();
  const auto batch = static_cast<int64_t>(samples.size());
  const int64_t steps = batch_steps(samples, model.config().usable());
  // The segment whose incoming memory is detached: no gradient crosses into it.
  const int64_t cut = options.bptt_depth > 0 ? steps - options.bptt_depth : 0;

  // Pass 1, no graph: the memory entering each segment and the RNG state before it.
  std::vector<torch::Tensor> memory_in, rng_state;
  {
    torch::NoGradGuard no_grad;
    auto memory = model.initial_memory(batch);
    for (int64_t t = 0; t < steps; ++t) {
      memory_in.push_back(memory);
      rng_state.push_back(generator.get_state());
      memory = model.step(build_segment_batch(samples, t, steps, model.config()), memory).memory;
    }
  }
  const auto rng_after = generator.get_state();

  // Pass 2, last segment to first: re-run one segment with a graph, backpropagate its loss
  // and the gradient its output memory received from the next segment.
  double total = 0;
  torch::Tensor memory_grad;  // d(loss)/d(memory entering segment t+1); undefined = none
  for (int64_t t = steps - 1; t >= 0; --t) {
    const bool has_loss = options.all_segments || t == steps - 1;
    if (!has_loss && !memory_grad.defined()) continue;
    generator.set_state(rng_state[t]);
    const bool leaf = t > 0;  // segment 0's memory is the learned rows themselves
    const auto memory =
        leaf ? memory_in[t].detach().requires_grad_(true) : model.initial_memory(batch);
    const auto segment = build_segment_batch(samples, t, steps, model.config());
    const auto out = model.step(segment, memory);
    std::vector<torch::Tensor> roots, grads;
    if (has_loss) {
      const auto loss = segment_loss(out.logits, labels, segment.active) * options.scale;
      total += loss.item<double>();
      roots.push_back(loss);
      grads.push_back(torch::ones_like(loss));
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

}  // namespace mnemo::rmt
