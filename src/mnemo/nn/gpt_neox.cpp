#include "mnemo/nn/gpt_neox.h"

#include <torch/torch.h>

#include <cmath>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert.h"
#include "mnemo/nn/causal_mask.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::nn {
namespace {

torch::nn::LayerNorm layer_norm(const GptNeoxConfig& c) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps));
}

// (x1, x2) -> (-x2, x1) over the two halves of the last dimension.
torch::Tensor rotate_half(const torch::Tensor& x) {
  const auto halves = x.chunk(2, -1);
  return torch::cat({-halves[1], halves[0]}, -1);
}

// Rotary embedding on the first cos.size(-1) dimensions of (B, H, T, dh); the rest pass.
torch::Tensor rotate(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  const int64_t dims = cos.size(-1);
  if (dims == 0) return x;
  const auto turned = x.slice(-1, 0, dims);
  return torch::cat({turned * cos + rotate_half(turned) * sin, x.slice(-1, dims)}, -1);
}

}  // namespace

GptNeoxLayerImpl::GptNeoxLayerImpl(const GptNeoxConfig& c) : config_(c) {
  input_layernorm = register_module("input_layernorm", layer_norm(c));
  post_attention_layernorm = register_module("post_attention_layernorm", layer_norm(c));
  auto attention = container(*this, "attention");
  query_key_value = attention->register_module("query_key_value",
                                               torch::nn::Linear(c.hidden_size, 3 * c.hidden_size));
  dense = attention->register_module("dense", torch::nn::Linear(c.hidden_size, c.hidden_size));
  auto mlp = container(*this, "mlp");
  dense_h_to_4h =
      mlp->register_module("dense_h_to_4h", torch::nn::Linear(c.hidden_size, c.intermediate_size));
  dense_4h_to_h =
      mlp->register_module("dense_4h_to_h", torch::nn::Linear(c.intermediate_size, c.hidden_size));
}

torch::Tensor GptNeoxLayerImpl::attention(const torch::Tensor& x, const torch::Tensor& cos,
                                          const torch::Tensor& sin,
                                          const torch::Tensor& additive_mask, LayerCache* cache) {
  const int64_t batch = x.size(0), length = x.size(1);
  const int64_t heads = config_.num_attention_heads, head_size = config_.head_size();
  // Per head the fused projection holds [q | k | v]: (B, T, H, 3 dh) -> (B, H, T, 3 dh).
  const auto qkv =
      query_key_value(x).view({batch, length, heads, 3 * head_size}).permute({0, 2, 1, 3});
  const auto q = rotate(qkv.slice(-1, 0, head_size), cos, sin);
  const auto [k, v] = extend_cache(cache, rotate(qkv.slice(-1, head_size, 2 * head_size), cos, sin),
                                   qkv.slice(-1, 2 * head_size));
  auto scores = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(head_size));
  if (additive_mask.defined()) scores = scores + additive_mask;
  const auto context = torch::matmul(torch::softmax(scores, -1), v);
  return dense(context.permute({0, 2, 1, 3}).reshape({batch, length, heads * head_size}));
}

torch::Tensor GptNeoxLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& cos,
                                        const torch::Tensor& sin,
                                        const torch::Tensor& additive_mask, LayerCache* cache) {
  const auto attended = attention(input_layernorm(x), cos, sin, additive_mask, cache);
  auto mlp = [&](const torch::Tensor& h) {
    return dense_4h_to_h(activate(dense_h_to_4h(post_attention_layernorm(h)), config_.hidden_act));
  };
  if (config_.use_parallel_residual) return x + attended + mlp(x);
  const auto hidden = x + attended;
  return hidden + mlp(hidden);
}

GptNeoxForCausalLMImpl::GptNeoxForCausalLMImpl(const GptNeoxConfig& config) : config_(config) {
  config_.validate("GPT-NeoX config");
  auto body = container(*this, "gpt_neox");
  embed_in = body->register_module("embed_in",
                                   torch::nn::Embedding(config_.vocab_size, config_.hidden_size));
  auto layer_list = body->register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < config_.num_hidden_layers; ++i) {
    layers.emplace_back(config_);
    layer_list->push_back(layers.back());
  }
  final_layer_norm = body->register_module("final_layer_norm", layer_norm(config_));
  if (!config_.tie_word_embeddings)
    embed_out = register_module(
        "embed_out",
        torch::nn::Linear(
            torch::nn::LinearOptions(config_.hidden_size, config_.vocab_size).bias(false)));
  const int64_t dims = config_.rotary_dims();
  // In float32, as Hugging Face computes it, so that angles at far positions agree.
  inverse_frequencies_ =
      1.0 / torch::pow(config_.rotary_emb_base,
                       torch::arange(0, dims, 2, torch::kFloat32) / static_cast<double>(dims));
}

torch::Tensor GptNeoxForCausalLMImpl::hidden_states(const torch::Tensor& input_ids,
                                                    KvCache* cache) {
  const int64_t cached = cache ? cached_length(*cache) : 0;
  if (input_ids.dim() != 2)
    throw Error("GPT-NeoX input: input_ids must be (batch, length), got " +
                shape_text(input_ids.sizes()));
  const int64_t length = input_ids.size(1);
  if (cached + length > config_.max_position_embeddings)
    throw Error("GPT-NeoX input: " + std::to_string(cached + length) +
                " positions exceed max_position_embeddings " +
                std::to_string(config_.max_position_embeddings));
  if (cache && !cache->empty() && cache->size() != layers.size())
    throw Error("GPT-NeoX input: the cache has " + std::to_string(cache->size()) +
                " layers, the model " + std::to_string(layers.size()));
  auto x = embed_in(input_ids);
  const auto positions = torch::arange(cached, cached + length, torch::kFloat32);
  const auto angles = torch::outer(positions, inverse_frequencies_);
  const auto both = torch::cat({angles, angles}, -1);
  const auto cos = both.cos().to(x.scalar_type()), sin = both.sin().to(x.scalar_type());
  const auto mask = causal_mask(cached, length, torch::Tensor(), x.options());
  if (cache && cache->empty()) cache->resize(layers.size());
  for (size_t i = 0; i < layers.size(); ++i)
    x = layers[i](x, cos, sin, mask, cache ? &(*cache)[i] : nullptr);
  return final_layer_norm(x);
}

torch::Tensor GptNeoxForCausalLMImpl::logits(const torch::Tensor& hidden) {
  return embed_out ? embed_out(hidden) : torch::matmul(hidden, embed_in->weight.t());
}

}  // namespace mnemo::nn
