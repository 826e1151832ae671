// The encoder Recurrent Memory Transformer: an unchanged BERT reads the input segment by
// segment; the outputs at the memory positions of segment t are the memory inputs of
// segment t+1. The answer is BertForSequenceClassification's head (pooler on [CLS],
// dropout, linear) on the last segment. Parameter names are Hugging Face's for that class
// (`bert.*`, `classifier.*`), so the model saves as a BertForSequenceClassification.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>

#include <vector>

#include "mnemo/nn/bert.h"
#include "mnemo/rmt/rmt_config.h"
#include "mnemo/rmt/segments.h"

namespace mnemo::rmt {

struct StepOutput {
  torch::Tensor memory;  // (B, M, d): updated rows for the active samples, others unchanged
  torch::Tensor logits;  // (A, C) for the active samples
  std::vector<torch::Tensor> attentions;  // with output_attentions: (A, H, T, T) per layer
};

struct ForwardOptions {
  // Backpropagate through the last `bptt_depth` segments only: the memory entering
  // segment (steps - bptt_depth) is detached. 0 = full backpropagation through time.
  int64_t bptt_depth = 0;
  bool keep_segment_logits = false;  // for a loss on every segment
  bool keep_memory_inputs = false;   // the memory entering each step (tests, analysis)
};

struct SegmentLogits {
  torch::Tensor logits;  // (A, C)
  torch::Tensor active;  // (A) indices into the batch
};

struct ForwardOutput {
  torch::Tensor logits;                      // (B, C): every sample ends at the last step
  std::vector<SegmentLogits> segments;       // with keep_segment_logits, one per step
  std::vector<torch::Tensor> memory_inputs;  // with keep_memory_inputs, (B, M, d) per step
};

class MemoryEncoderImpl : public torch::nn::Module {
 public:
  // `bert` must have a pooler and the memory rows in its vocabulary.
  MemoryEncoderImpl(nn::BertModel bert, RmtConfig config);

  // (B, M, d): the learned memory rows of the word embeddings, the memory of segment 0.
  torch::Tensor initial_memory(int64_t batch);
  // One segment for the active samples of a batch; memory: (B, M, d).
  StepOutput step(const SegmentBatch& segment, const torch::Tensor& memory,
                  bool output_attentions = false);
  // Whole samples, segment after segment; samples may differ in length.
  ForwardOutput forward(const std::vector<const std::vector<int32_t>*>& samples,
                        const ForwardOptions& options = {});

  const RmtConfig& config() const { return config_; }

  nn::BertModel bert{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::nn::Linear classifier{nullptr};

 private:
  RmtConfig config_;
};
TORCH_MODULE(MemoryEncoder);

}  // namespace mnemo::rmt
