// GPT-NeoX (Pythia) as Hugging Face's GPTNeoXForCausalLM, for inference: a fused
// query_key_value projection laid out per head as [q | k | v], rotary position embeddings on
// the first rotary_pct of each head's dimensions (rotate-half form), a parallel residual
// (x + attn(ln1 x) + mlp(ln2 x)) or a sequential one, and an untied `embed_out`. Parameter
// names are the Hugging Face names (`gpt_neox.layers.0.attention.query_key_value.weight`).
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <vector>

#include "mnemo/nn/gpt_neox_config.h"
#include "mnemo/nn/kv_cache.h"

namespace mnemo::nn {

class GptNeoxLayerImpl : public torch::nn::Module {
 public:
  explicit GptNeoxLayerImpl(const GptNeoxConfig& config);
  // x: (B, T, d); cos, sin: (T, rotary dims) of the new positions; additive_mask as
  // causal_mask gives it.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                        const torch::Tensor& additive_mask, LayerCache* cache);

  torch::nn::LayerNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
  torch::nn::Linear query_key_value{nullptr}, dense{nullptr};
  torch::nn::Linear dense_h_to_4h{nullptr}, dense_4h_to_h{nullptr};

 private:
  torch::Tensor attention(const torch::Tensor& x, const torch::Tensor& cos,
                          const torch::Tensor& sin, const torch::Tensor& additive_mask,
                          LayerCache* cache);

  GptNeoxConfig config_;
};
TORCH_MODULE(GptNeoxLayer);

class GptNeoxForCausalLMImpl : public torch::nn::Module {
 public:
  explicit GptNeoxForCausalLMImpl(const GptNeoxConfig& config);
  // input_ids (B, T) after the positions in `cache` (if any) -> (B, T, d), after the final
  // LayerNorm; the new keys and values are appended to `cache`.
  torch::Tensor hidden_states(const torch::Tensor& input_ids, KvCache* cache = nullptr);
  // (..., d) -> (..., vocab) through embed_out (or embed_in when tied).
  torch::Tensor logits(const torch::Tensor& hidden);
  torch::Tensor forward(const torch::Tensor& input_ids, KvCache* cache = nullptr) {
    return logits(hidden_states(input_ids, cache));
  }

  const GptNeoxConfig& config() const { return config_; }

  torch::nn::Embedding embed_in{nullptr};
  std::vector<GptNeoxLayer> layers;
  torch::nn::LayerNorm final_layer_norm{nullptr};
  torch::nn::Linear embed_out{nullptr};  // null when tie_word_embeddings

 private:
  GptNeoxConfig config_;
  torch::Tensor inverse_frequencies_;  // (rotary dims / 2)
};
TORCH_MODULE(GptNeoxForCausalLM);

}  // namespace mnemo::nn
