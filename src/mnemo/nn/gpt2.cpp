#include "mnemo/nn/gpt2.h"

#include <torch/torch.h>

#include <cmath>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert.h"
#include "mnemo/nn/causal_mask.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::nn {
namespace {

torch::nn::LayerNorm layer_norm(const Gpt2Config& c) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.n_embd}).eps(c.layer_norm_epsilon));
}

}  // namespace

Conv1DImpl::Conv1DImpl(int64_t in_features, int64_t out_features) {
  weight = register_parameter("weight", torch::empty({in_features, out_features}));
  bias = register_parameter("bias", torch::zeros({out_features}));
}

torch::Tensor Conv1DImpl::forward(const torch::Tensor& x) {
  auto sizes = x.sizes().vec();
  sizes.back() = weight.size(1);
  return torch::addmm(bias, x.reshape({-1, x.size(-1)}), weight).view(sizes);
}

Gpt2BlockImpl::Gpt2BlockImpl(const Gpt2Config& c)
    : heads_(c.n_head), head_size_(c.head_size()), activation_(c.activation_function) {
  ln_1 = register_module("ln_1", layer_norm(c));
  auto attn = container(*this, "attn");
  c_attn = attn->register_module("c_attn", Conv1D(c.n_embd, 3 * c.n_embd));
  attn_proj = attn->register_module("c_proj", Conv1D(c.n_embd, c.n_embd));
  ln_2 = register_module("ln_2", layer_norm(c));
  auto mlp = container(*this, "mlp");
  c_fc = mlp->register_module("c_fc", Conv1D(c.n_embd, c.inner_size()));
  mlp_proj = mlp->register_module("c_proj", Conv1D(c.inner_size(), c.n_embd));
  attn_dropout_ = register_module("attn_dropout", torch::nn::Dropout(c.attn_pdrop));
  resid_dropout_ = register_module("resid_dropout", torch::nn::Dropout(c.resid_pdrop));
}

torch::Tensor Gpt2BlockImpl::forward(const torch::Tensor& x, const torch::Tensor& additive_mask,
                                     LayerCache* cache) {
  const int64_t batch = x.size(0), length = x.size(1), width = heads_ * head_size_;
  // (B, T, d) -> (B, H, T, dh)
  auto split_heads = [&](const torch::Tensor& t) {
    return t.view({batch, length, heads_, head_size_}).transpose(1, 2);
  };
  const auto qkv = c_attn(ln_1(x)).split(width, -1);
  const auto q = split_heads(qkv[0]);
  const auto [k, v] = extend_cache(cache, split_heads(qkv[1]), split_heads(qkv[2]));
  auto scores = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(head_size_));
  if (additive_mask.defined()) scores = scores + additive_mask;
  const auto probs = attn_dropout_(torch::softmax(scores, -1));
  const auto context = torch::matmul(probs, v).transpose(1, 2).reshape({batch, length, width});
  const auto hidden = x + resid_dropout_(attn_proj(context));
  return hidden + resid_dropout_(mlp_proj(activate(c_fc(ln_2(hidden)), activation_)));
}

Gpt2LMHeadModelImpl::Gpt2LMHeadModelImpl(const Gpt2Config& config) : config_(config) {
  config_.validate("GPT-2 config");
  auto transformer = container(*this, "transformer");
  wte =
      transformer->register_module("wte", torch::nn::Embedding(config_.vocab_size, config_.n_embd));
  wpe = transformer->register_module("wpe",
                                     torch::nn::Embedding(config_.n_positions, config_.n_embd));
  drop_ = transformer->register_module("drop", torch::nn::Dropout(config_.embd_pdrop));
  auto block_list = transformer->register_module("h", torch::nn::ModuleList());
  for (int64_t i = 0; i < config_.n_layer; ++i) {
    blocks.emplace_back(config_);
    block_list->push_back(blocks.back());
  }
  ln_f = transformer->register_module("ln_f", layer_norm(config_));
  init_gpt2_weights(*this);
}

void Gpt2LMHeadModelImpl::check_inputs(const Gpt2Inputs& in, int64_t cached) const {
  if (in.input_ids.defined() == in.inputs_embeds.defined())
    throw Error("GPT-2 input: give exactly one of input_ids and inputs_embeds");
  if (in.input_ids.defined() && in.input_ids.dim() != 2)
    throw Error("GPT-2 input: input_ids must be (B, T), got " + shape_text(in.input_ids.sizes()));
  if (in.inputs_embeds.defined() &&
      (in.inputs_embeds.dim() != 3 || in.inputs_embeds.size(2) != config_.n_embd))
    throw Error("GPT-2 input: inputs_embeds must be (B, T, " + std::to_string(config_.n_embd) +
                "), got " + shape_text(in.inputs_embeds.sizes()));
  const auto& first = in.input_ids.defined() ? in.input_ids : in.inputs_embeds;
  const int64_t batch = first.size(0), total = cached + first.size(1);
  if (in.input_ids.defined() && in.input_ids.numel() > 0) {
    const int64_t low = in.input_ids.min().item<int64_t>(),
                  high = in.input_ids.max().item<int64_t>();
    if (low < 0 || high >= config_.vocab_size)
      throw Error("GPT-2 input: token id " + std::to_string(low < 0 ? low : high) +
                  " is outside the vocabulary (size " + std::to_string(config_.vocab_size) + ")");
  }
  if (in.attention_mask.defined() &&
      (in.attention_mask.dim() != 2 || in.attention_mask.size(0) != batch ||
       in.attention_mask.size(1) != total))
    throw Error("GPT-2 input: attention_mask must be (" + std::to_string(batch) + ", " +
                std::to_string(total) + ") over cached and new positions, got " +
                shape_text(in.attention_mask.sizes()));
  if (!in.position_ids.defined() && total > config_.n_positions)
    throw Error("GPT-2 input: " + std::to_string(total) + " positions exceed n_positions " +
                std::to_string(config_.n_positions));
  if (in.cache && !in.cache->empty() && in.cache->size() != blocks.size())
    throw Error("GPT-2 input: the cache has " + std::to_string(in.cache->size()) +
                " layers, the model " + std::to_string(blocks.size()));
}

torch::Tensor Gpt2LMHeadModelImpl::hidden_states(const Gpt2Inputs& in) {
  const int64_t cached = in.cache ? cached_length(*in.cache) : 0;
  check_inputs(in, cached);
  auto x = in.input_ids.defined() ? wte(in.input_ids) : in.inputs_embeds;
  const int64_t length = x.size(1);
  const auto positions =
      in.position_ids.defined()
          ? in.position_ids
          : torch::arange(cached, cached + length, x.options().dtype(torch::kLong)).unsqueeze(0);
  x = drop_(x + wpe(positions));
  const auto mask = causal_mask(cached, length, in.attention_mask, x.options());
  if (in.cache && in.cache->empty()) in.cache->resize(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i)
    x = blocks[i](x, mask, in.cache ? &(*in.cache)[i] : nullptr);
  return ln_f(x);
}

torch::Tensor Gpt2LMHeadModelImpl::logits(const torch::Tensor& hidden) {
  return torch::matmul(hidden, wte->weight.t());
}

void init_gpt2_weights(Gpt2LMHeadModelImpl& model) {
  torch::NoGradGuard no_grad;
  const double std = model.config().initializer_range;
  for (auto& module : model.modules(/*include_self=*/false)) {
    if (auto* conv = module->as<Conv1D>()) {
      conv->weight.normal_(0.0, std);
      conv->bias.zero_();
    } else if (auto* embedding = module->as<torch::nn::Embedding>()) {
      embedding->weight.normal_(0.0, std);
    } else if (auto* norm = module->as<torch::nn::LayerNorm>()) {
      norm->weight.fill_(1.0);
      norm->bias.zero_();
    }
  }
  // GPT-2 paper: residual projections scaled so the residual stream's variance does not grow
  // with depth.
  const double residual_std = std / std::sqrt(2.0 * double(model.config().n_layer));
  for (auto& block : model.blocks) {
    block->attn_proj->weight.normal_(0.0, residual_std);
    block->mlp_proj->weight.normal_(0.0, residual_std);
  }
}

}  // namespace mnemo::nn
