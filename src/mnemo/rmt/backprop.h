// Loss and backward pass of an RMT batch, by one of two strategies:
//  - full: one autograd graph over every segment (activations of all segments kept);
//  - recompute: a forward pass without a graph keeps only the memory entering each segment,
//    then segments are re-run one at a time, last to first, each with a graph of its own,
//    and the gradient of the memory flows back from segment to segment. Activation memory
//    is that of one segment whatever the input length, for about one more forward pass.
// Both give the same gradients: dropout masks are replayed from the saved RNG state.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/rmt/memory_decoder.h"
#include "mnemo/rmt/memory_encoder.h"

namespace mnemo::rmt {

enum class Bptt { full, recompute };

Bptt parse_bptt(const std::string& name);  // "full" or "recompute"
std::string bptt_name(Bptt bptt);

struct LossOptions {
  Bptt strategy = Bptt::full;
  bool all_segments = false;  // encoder: sum the loss of every segment, not only the last
  int64_t bptt_depth = 0;     // as ForwardOptions::bptt_depth
  double scale = 1.0;         // the loss is multiplied by it (a micro-batch's share)
};

// Cross-entropy of the samples against `labels` (B), backpropagated: gradients accumulate
// in the model's parameters. Returns the scaled loss.
double accumulate_gradients(MemoryEncoderImpl& model,
                            const std::vector<const std::vector<int32_t>*>& samples,
                            const torch::Tensor& labels, const LossOptions& options);

// The decoder's mean next-token cross-entropy over the tokens `targets` marks (B, L; 0/1),
// backpropagated as above; all_segments does not apply (the targets say where the loss is).
double accumulate_gradients(MemoryDecoderImpl& model, const torch::Tensor& ids,
                            const torch::Tensor& attention, const torch::Tensor& targets,
                            const LossOptions& options);

}  // namespace mnemo::rmt
