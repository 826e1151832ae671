// The causal language models whose memorization mnemo scores: its own GPT-2 models and
// GPT-NeoX (Pythia) checkpoints, told apart by config.json's model_type.
#pragma once
#include <filesystem>
#include <string>

#include "mnemo/nn/gpt2.h"
#include "mnemo/nn/gpt_neox.h"

namespace mnemo::memorization {

class CausalLm {
 public:
  explicit CausalLm(nn::Gpt2LMHeadModel model);
  explicit CausalLm(nn::GptNeoxForCausalLM model);
  // Errors name the directory or file: no config, a model type neither GPT-2 nor GPT-NeoX.
  static CausalLm load(const std::filesystem::path& dir);

  // Next-token logits (B, vocab) after `input_ids` (B, T), which follow the positions
  // already in `cache`; their keys and values are appended to it.
  torch::Tensor next_logits(const torch::Tensor& input_ids, nn::KvCache& cache);
  // The model's forward pass: logits (B, T, vocab) at every position, no cache.
  torch::Tensor forward(const torch::Tensor& input_ids);

  const std::string& model_type() const { return model_type_; }
  int64_t vocab_size() const { return vocab_size_; }
  int64_t max_positions() const { return max_positions_; }
  int64_t parameters() const;

 private:
  nn::Gpt2LMHeadModel gpt2_{nullptr};
  nn::GptNeoxForCausalLM gpt_neox_{nullptr};
  std::string model_type_;
  int64_t vocab_size_ = 0, max_positions_ = 0;
};

}  // namespace mnemo::memorization
