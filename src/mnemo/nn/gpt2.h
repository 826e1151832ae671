// GPT-2 as Hugging Face's GPT2LMHeadModel: pre-LayerNorm decoder blocks, causal attention,
// learned absolute positions, Conv1D projections (weights stored [in, out]), lm_head tied to
// the token embeddings. Parameter names are the Hugging Face names (`transformer.h.0.attn.
// c_attn.weight`, ...), so named_parameters() is the checkpoint key list.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <vector>

#include "mnemo/nn/gpt2_config.h"
#include "mnemo/nn/kv_cache.h"

namespace mnemo::nn {

struct Gpt2Inputs {
  torch::Tensor input_ids;       // (B, T) int64; or
  torch::Tensor inputs_embeds;   // (B, T, d): rows used in place of token embeddings
  torch::Tensor attention_mask;  // (B, S) over cached + new positions, 1 = attend; default ones
  torch::Tensor position_ids;    // (B, T) or (1, T); default cached..cached+T-1
  // When given, attention also reads the cached positions and the new keys and values are
  // appended to it (one LayerCache per layer, filled on first use).
  KvCache* cache = nullptr;
};

// Hugging Face's Conv1D: y = x W + b with W stored [in, out].
class Conv1DImpl : public torch::nn::Module {
 public:
  Conv1DImpl(int64_t in_features, int64_t out_features);
  torch::Tensor forward(const torch::Tensor& x);

  torch::Tensor weight, bias;
};
TORCH_MODULE(Conv1D);

class Gpt2BlockImpl : public torch::nn::Module {
 public:
  explicit Gpt2BlockImpl(const Gpt2Config& config);
  // x: (B, T, d); additive_mask: (B or 1, 1, T, S) or undefined (attend to everything).
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additive_mask,
                        LayerCache* cache);

  torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
  Conv1D c_attn{nullptr}, attn_proj{nullptr}, c_fc{nullptr}, mlp_proj{nullptr};

 private:
  int64_t heads_;
  int64_t head_size_;
  std::string activation_;
  torch::nn::Dropout attn_dropout_{nullptr}, resid_dropout_{nullptr};
};
TORCH_MODULE(Gpt2Block);

class Gpt2LMHeadModelImpl : public torch::nn::Module {
 public:
  explicit Gpt2LMHeadModelImpl(const Gpt2Config& config);
  // -> (B, T, d), after the final LayerNorm.
  torch::Tensor hidden_states(const Gpt2Inputs& inputs);
  // Next-token logits of hidden states: (..., d) -> (..., vocab), through the tied embedding.
  torch::Tensor logits(const torch::Tensor& hidden);
  torch::Tensor forward(const Gpt2Inputs& inputs) { return logits(hidden_states(inputs)); }

  const Gpt2Config& config() const { return config_; }

  torch::nn::Embedding wte{nullptr}, wpe{nullptr};
  std::vector<Gpt2Block> blocks;
  torch::nn::LayerNorm ln_f{nullptr};

 private:
  void check_inputs(const Gpt2Inputs& inputs, int64_t cached) const;
  Gpt2Config config_;
  torch::nn::Dropout drop_{nullptr};
};
TORCH_MODULE(Gpt2LMHeadModel);

// Hugging Face's initialisation: normal(0, initializer_range) weights, zero biases, unit
// LayerNorms, and the residual projections (c_proj) scaled by 1/sqrt(2 n_layer).
void init_gpt2_weights(Gpt2LMHeadModelImpl& model);

}  // namespace mnemo::nn
