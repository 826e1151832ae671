// The decoder Recurrent Memory Transformer on GPT-2, as the RMT authors' MemoryCell and
// RecurrentWrapper: each segment is read as [read memory (M) | segment tokens | write memory
// (M)] under GPT-2's plain causal mask, so segment tokens see the read memory and the write
// rows see everything before them; the final hidden states (after ln_f) of the write rows
// are the next segment's read memory. Segment 0 reads the learned `memory` parameter
// (M x d, initialised at the scale of the token embeddings). Inputs are cut into segments
// left-aligned (the short one, if any, last), as the reference code does by default.
#pragma once
#include <torch/nn/module.h>

#include <vector>

#include "mnemo/lm/generation.h"
#include "mnemo/nn/gpt2.h"

namespace mnemo::rmt {

struct DecoderStep {
  torch::Tensor hidden;  // (B, T, d): final hidden states (after ln_f) of the segment tokens
  torch::Tensor memory;  // (B, M, d); unchanged for samples whose segment is all padding
};

class MemoryDecoderImpl : public torch::nn::Module {
 public:
  // `segment_size` tokens a segment, besides the 2 x memory_size memory rows, which must fit
  // the model's n_positions.
  MemoryDecoderImpl(nn::Gpt2LMHeadModel lm, int64_t memory_size, int64_t segment_size);

  torch::Tensor initial_memory(int64_t batch);  // (B, M, d)
  // ids, attention: (B, T), attention 1 for real tokens; memory: (B, M, d).
  DecoderStep step(const torch::Tensor& ids, const torch::Tensor& attention,
                   const torch::Tensor& memory);
  // Final hidden states (B, L, d) of a whole (B, L) batch read segment by segment;
  // `attention` marks real tokens (right padding). bptt_depth > 0 backpropagates through the
  // last bptt_depth segments only.
  torch::Tensor hidden_states(const torch::Tensor& ids, const torch::Tensor& attention,
                              int64_t bptt_depth = 0);
  // Logits (N, vocab) of the positions that predict the N tokens `targets` marks (B, L; 0/1),
  // in row-major order, and those tokens (N). Only these rows go through the output layer.
  std::pair<torch::Tensor, torch::Tensor> target_logits(const torch::Tensor& ids,
                                                        const torch::Tensor& attention,
                                                        const torch::Tensor& targets,
                                                        int64_t bptt_depth = 0);
  // Mean next-token cross-entropy over the tokens `targets` marks.
  torch::Tensor loss(const torch::Tensor& ids, const torch::Tensor& attention,
                     const torch::Tensor& targets, int64_t bptt_depth = 0);
  // Reads `context` segment by segment and generates its continuation after the last
  // segment, which the model reads with the memory of the segments before it.
  std::vector<int64_t> continue_text(const std::vector<int64_t>& context,
                                     const lm::GenerationOptions& options);

  int64_t memory_size() const { return memory_size_; }
  int64_t segment_size() const { return segment_size_; }
  // Segments of a length-L input.
  int64_t segments_of(int64_t length) const;

  nn::Gpt2LMHeadModel lm{nullptr};
  torch::Tensor memory;

 private:
  int64_t memory_size_;
  int64_t segment_size_;
};
TORCH_MODULE(MemoryDecoder);

}  // namespace mnemo::rmt
