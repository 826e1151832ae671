#include "mnemo/nn/bert.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

#include "mnemo/core/error.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::nn {
namespace {

using torch::nn::LayerNormOptions;
using torch::nn::Linear;

torch::nn::LayerNorm layer_norm(const BertConfig& c) {
  return torch::nn::LayerNorm(LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps));
}

}  // namespace

torch::Tensor activate(const torch::Tensor& x, const std::string& activation) {
  if (activation == "gelu") return torch::gelu(x);
  if (activation == "gelu_new") return torch::gelu(x, "tanh");
  return torch::relu(x);
}

BertEmbeddingsImpl::BertEmbeddingsImpl(const BertConfig& c) {
  word_embeddings =
      register_module("word_embeddings", torch::nn::Embedding(c.vocab_size, c.hidden_size));
  position_embeddings = register_module(
      "position_embeddings", torch::nn::Embedding(c.max_position_embeddings, c.hidden_size));
  token_type_embeddings = register_module("token_type_embeddings",
                                          torch::nn::Embedding(c.type_vocab_size, c.hidden_size));
  LayerNorm = register_module("LayerNorm", layer_norm(c));
  dropout = register_module("dropout", torch::nn::Dropout(c.hidden_dropout_prob));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& inputs_embeds,
                                          const torch::Tensor& position_ids,
                                          const torch::Tensor& token_type_ids) {
  auto x =
      inputs_embeds + position_embeddings(position_ids) + token_type_embeddings(token_type_ids);
  return dropout(LayerNorm(x));
}

BertLayerImpl::BertLayerImpl(const BertConfig& c)
    : heads_(c.num_attention_heads), head_size_(c.head_size()), activation_(c.hidden_act) {
  const int64_t d = c.hidden_size;
  auto attention = container(*this, "attention");
  auto self = container(*attention, "self");
  query = self->register_module("query", Linear(d, d));
  key = self->register_module("key", Linear(d, d));
  value = self->register_module("value", Linear(d, d));
  auto attention_output = container(*attention, "output");
  attention_dense = attention_output->register_module("dense", Linear(d, d));
  attention_norm = attention_output->register_module("LayerNorm", layer_norm(c));
  auto intermediate = container(*this, "intermediate");
  intermediate_dense = intermediate->register_module("dense", Linear(d, c.intermediate_size));
  auto output = container(*this, "output");
  output_dense = output->register_module("dense", Linear(c.intermediate_size, d));
  output_norm = output->register_module("LayerNorm", layer_norm(c));
  attention_probs_dropout_ = register_module("attention_probs_dropout",
                                             torch::nn::Dropout(c.attention_probs_dropout_prob));
  hidden_dropout_ = register_module("hidden_dropout", torch::nn::Dropout(c.hidden_dropout_prob));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& additive_mask,
                                     torch::Tensor* attention_probs) {
  const int64_t batch = x.size(0), length = x.size(1);
  // (B, T, d) -> (B, H, T, dh)
  auto split_heads = [&](const torch::Tensor& t) {
    return t.view({batch, length, heads_, head_size_}).transpose(1, 2);
  };
  auto q = split_heads(query(x)), k = split_heads(key(x)), v = split_heads(value(x));
  auto scores =
      torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(head_size_));  // (B, H, T, T)
  if (additive_mask.defined()) scores = scores + additive_mask;
  auto probs = torch::softmax(scores, -1);
  if (attention_probs) *attention_probs = probs;
  probs = attention_probs_dropout_(probs);
  auto context =
      torch::matmul(probs, v).transpose(1, 2).reshape({batch, length, heads_ * head_size_});
  auto hidden = attention_norm(x + hidden_dropout_(attention_dense(context)));
  auto inner = activate(intermediate_dense(hidden), activation_);
  return output_norm(hidden + hidden_dropout_(output_dense(inner)));
}

BertModelImpl::BertModelImpl(const BertConfig& config, bool add_pooling_layer) : config_(config) {
  config_.validate("BertModel config");
  embeddings = register_module("embeddings", BertEmbeddings(config_));
  auto encoder = container(*this, "encoder");
  auto layer_list = encoder->register_module("layer", torch::nn::ModuleList());
  for (int64_t i = 0; i < config_.num_hidden_layers; ++i) {
    layers.emplace_back(config_);
    layer_list->push_back(layers.back());
  }
  if (add_pooling_layer) {
    auto pooler = container(*this, "pooler");
    pooler_dense =
        pooler->register_module("dense", Linear(config_.hidden_size, config_.hidden_size));
  }
  init_bert_weights(*this);
}

void BertModelImpl::check_inputs(const BertInputs& in) const {
  if (in.input_ids.defined() == in.inputs_embeds.defined())
    throw Error("BERT input: give exactly one of input_ids and inputs_embeds");
  const auto& first = in.input_ids.defined() ? in.input_ids : in.inputs_embeds;
  if (first.dim() < 2)
    throw Error("BERT input: expected a (batch, length) batch, got shape " +
                shape_text(first.sizes()));
  const int64_t batch = first.size(0), length = first.size(1);
  if (in.inputs_embeds.defined() &&
      (in.inputs_embeds.dim() != 3 || in.inputs_embeds.size(2) != config_.hidden_size))
    throw Error("BERT input: inputs_embeds must be (B, T, " + std::to_string(config_.hidden_size) +
                "), got " + shape_text(in.inputs_embeds.sizes()));
  if (in.input_ids.defined()) {
    if (in.input_ids.dim() != 2)
      throw Error("BERT input: input_ids must be (B, T), got " + shape_text(in.input_ids.sizes()));
    if (in.input_ids.numel() > 0) {
      const int64_t low = in.input_ids.min().item<int64_t>(),
                    high = in.input_ids.max().item<int64_t>();
      if (low < 0 || high >= config_.vocab_size)
        throw Error("BERT input: token id " + std::to_string(low < 0 ? low : high) +
                    " is outside the vocabulary (size " + std::to_string(config_.vocab_size) + ")");
    }
  }
  for (const auto* mask : {&in.attention_mask, &in.token_type_ids})
    if (mask->defined() && (mask->dim() != 2 || mask->size(0) != batch || mask->size(1) != length))
      throw Error("BERT input: attention_mask and token_type_ids must be (" +
                  std::to_string(batch) + ", " + std::to_string(length) + "), got " +
                  shape_text(mask->sizes()));
  if (in.token_type_ids.defined() && in.token_type_ids.numel() > 0 &&
      (in.token_type_ids.min().item<int64_t>() < 0 ||
       in.token_type_ids.max().item<int64_t>() >= config_.type_vocab_size))
    throw Error("BERT input: token_type_ids must lie in [0, " +
                std::to_string(config_.type_vocab_size) + ")");
  if (!in.position_ids.defined() && length > config_.max_position_embeddings)
    throw Error("BERT input: " + std::to_string(length) +
                " tokens exceed max_position_embeddings " +
                std::to_string(config_.max_position_embeddings));
}

BertOutputs BertModelImpl::forward(const BertInputs& in) {
  check_inputs(in);
  const auto device = in.input_ids.defined() ? in.input_ids.device() : in.inputs_embeds.device();
  const auto word_rows =
      in.input_ids.defined() ? embeddings->word_embeddings(in.input_ids) : in.inputs_embeds;
  const int64_t batch = word_rows.size(0), length = word_rows.size(1);
  const auto long_options = torch::TensorOptions().dtype(torch::kLong).device(device);
  auto positions = in.position_ids.defined() ? in.position_ids
                                             : torch::arange(length, long_options).unsqueeze(0);
  auto token_types =
      in.token_type_ids.defined() ? in.token_type_ids : torch::zeros({batch, length}, long_options);
  auto hidden = embeddings(word_rows, positions, token_types);
  torch::Tensor mask;
  if (in.attention_mask.defined())
    mask = additive_attention_mask(in.attention_mask).to(hidden.dtype());
  BertOutputs out;
  for (auto& layer : layers) {
    torch::Tensor probs;
    hidden = layer(hidden, mask, in.output_attentions ? &probs : nullptr);
    if (in.output_attentions) out.attentions.push_back(probs);
  }

  out.last_hidden_state = hidden;
  if (has_pooler()) out.pooler_output = torch::tanh(pooler_dense(hidden.select(1, 0)));
  return out;
}

void BertModelImpl::resize_token_embeddings(int64_t vocab_size) {
  if (vocab_size < 1) throw Error("BERT: vocabulary size must be positive");
  auto old_rows = embeddings->word_embeddings->weight;
  auto resized = torch::nn::Embedding(vocab_size, config_.hidden_size);
  {
    torch::NoGradGuard no_grad;
    resized->weight.normal_(0.0, config_.initializer_range);
    const int64_t kept = std::min(vocab_size, old_rows.size(0));
    resized->weight.narrow(0, 0, kept).copy_(old_rows.narrow(0, 0, kept));
  }
  embeddings->word_embeddings = embeddings->replace_module("word_embeddings", resized);
  config_.vocab_size = vocab_size;
}

torch::Tensor additive_attention_mask(const torch::Tensor& attention_mask) {
  auto keep = attention_mask.to(torch::kFloat).unsqueeze(1).unsqueeze(2);  // (B, 1, 1, T)
  return (1.0 - keep) * std::numeric_limits<float>::lowest();
}

void init_bert_weights(BertModelImpl& model) {
  torch::NoGradGuard no_grad;
  const double std = model.config().initializer_range;
  for (auto& module : model.modules(/*include_self=*/false)) {
    if (auto* linear = module->as<torch::nn::Linear>()) {
      linear->weight.normal_(0.0, std);
      linear->bias.zero_();
    } else if (auto* embedding = module->as<torch::nn::Embedding>()) {
      embedding->weight.normal_(0.0, std);
    } else if (auto* norm = module->as<torch::nn::LayerNorm>()) {
      norm->weight.fill_(1.0);
      norm->bias.zero_();
    }
  }
  const int64_t pad = model.config().pad_token_id;
  if (pad >= 0 && pad < model.config().vocab_size)
    model.embeddings->word_embeddings->weight[pad].zero_();
}

}  // namespace mnemo::nn
