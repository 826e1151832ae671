// Cutting inputs into segments and laying each out as a BERT input:
//   [CLS] mem x M [SEP] tokens [SEP] pad...
// Segments are right-aligned: every segment is full except possibly the first, so the end
// of the input (the question) always lands in the last one.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "mnemo/rmt/rmt_config.h"

namespace mnemo::rmt {

struct SegmentSpan {
  size_t begin = 0, length = 0;
};

// Segments of a `length`-token input (at least 1).
int64_t segment_count(size_t length, int64_t usable);

// Segment `index` of a `length`-token input cut right-aligned into segments of `usable`.
SegmentSpan segment_span(size_t length, int64_t usable, int64_t index);

// Where the parts of one segment sit in its layout [CLS] mem x M [SEP] tokens [SEP]:
// the positions of a segment with `memory_size` memory slots and `tokens` input tokens.
struct SegmentPositions {
  int64_t memory_size = 0;
  int64_t tokens = 0;

  int64_t cls() const { return 0; }
  int64_t memory(int64_t slot) const { return 1 + slot; }
  int64_t first_sep() const { return memory_size + 1; }
  // The k-th token of the segment's span.
  int64_t token(int64_t k) const { return memory_size + 2 + k; }
  int64_t last_sep() const { return token(tokens); }
  // Positions the segment fills; padding, if any, comes after.
  int64_t width() const { return last_sep() + 1; }
};

SegmentPositions segment_positions(const RmtConfig& config, const SegmentSpan& span);

// One step of a batch. Samples may have different segment counts: they are aligned on
// their last segment, so at step t of `steps` a sample with n segments is active when
// t >= steps - n and then contributes its segment t - (steps - n).
struct SegmentBatch {
  torch::Tensor input_ids;       // (A, T) int64, memory positions hold the memory token ids
  torch::Tensor attention_mask;  // (A, T) int64, 0 on padding
  torch::Tensor active;          // (A) int64: which samples of the batch are in this step
};

// `samples[i]` is the i-th sample's whole token sequence (no special tokens).
SegmentBatch build_segment_batch(const std::vector<const std::vector<int32_t>*>& samples,
                                 int64_t step, int64_t steps, const RmtConfig& config);

// Largest segment count of the samples: the number of steps their batch takes.
int64_t batch_steps(const std::vector<const std::vector<int32_t>*>& samples, int64_t usable);

}  // namespace mnemo::rmt
