// One input read as a stream: tokens arrive in pieces of any size, each segment runs as
// soon as it is complete, and only the memory is carried between segments, so memory use
// does not grow with the input. The total length must be known up front: segments are
// cut right-aligned, as in training, so the question at the end lands in the last segment.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "mnemo/rmt/memory_encoder.h"

namespace mnemo::rmt {

class MemoryStream {
 public:
  // Puts the model in evaluation mode. `total_tokens` counts everything that will be fed.
  MemoryStream(MemoryEncoderImpl& model, size_t total_tokens);

  // Feeding more than `total_tokens` in all is an error.
  void feed(const std::vector<int32_t>& tokens);
  // The answer logits (1, C) after the last segment; an error before all tokens are fed.
  torch::Tensor finish() const;

  size_t tokens_read() const { return read_; }
  int64_t segments_done() const { return done_; }
  int64_t segments() const { return count_; }

 private:
  void run_segment();

  MemoryEncoderImpl& model_;
  size_t total_;
  int64_t count_;
  size_t read_ = 0;
  int64_t done_ = 0;
  std::vector<int32_t> pending_;  // tokens of the segment being filled
  torch::Tensor memory_;          // (1, M, d)
  torch::Tensor logits_;          // (1, C) of the last segment run
};

}  // namespace mnemo::rmt
