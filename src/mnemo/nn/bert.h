// BERT as Hugging Face's BertModel: post-LayerNorm encoder layers, exact (erf) GELU,
// absolute positions, token types, additive attention mask. Parameter names are the
// Hugging Face names (`encoder.layer.0.attention.self.query.weight`, ...), so
// named_parameters() is the checkpoint key list.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "mnemo/nn/bert_config.h"

namespace mnemo::nn {

struct BertInputs {
  torch::Tensor input_ids;       // (B, T) int64; or
  torch::Tensor inputs_embeds;   // (B, T, d): rows used in place of word embeddings
  torch::Tensor attention_mask;  // (B, T), 1 = attend, 0 = padding; default all ones
  torch::Tensor token_type_ids;  // (B, T); default zeros
  torch::Tensor position_ids;    // (B, T) or (T); default 0..T-1
  bool output_attentions = false;
};

struct BertOutputs {
  torch::Tensor last_hidden_state;        // (B, T, d)
  torch::Tensor pooler_output;            // (B, d): tanh(dense([CLS])); undefined without a pooler
  std::vector<torch::Tensor> attentions;  // with output_attentions: (B, H, T, T) per layer
};

class BertEmbeddingsImpl : public torch::nn::Module {
 public:
  explicit BertEmbeddingsImpl(const BertConfig& config);
  // inputs_embeds: (B, T, d); position_ids, token_type_ids: (B, T) -> (B, T, d)
  torch::Tensor forward(const torch::Tensor& inputs_embeds, const torch::Tensor& position_ids,
                        const torch::Tensor& token_type_ids);

  torch::nn::Embedding word_embeddings{nullptr}, position_embeddings{nullptr},
      token_type_embeddings{nullptr};
  torch::nn::LayerNorm LayerNorm{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(BertEmbeddings);

// One encoder layer. The Hugging Face hierarchy (attention.self.query, attention.output.dense,
// intermediate.dense, output.dense, ...) is built from plain container modules so that the
// names match while forward() reads as one function.
class BertLayerImpl : public torch::nn::Module {
 public:
  explicit BertLayerImpl(const BertConfig& config);
  // x: (B, T, d); additive_mask: (B, 1, 1, T) or undefined -> (B, T, d). When given,
  // `attention_probs` receives the attention weights (B, H, T, T).
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& additive_mask,
                        torch::Tensor* attention_probs = nullptr);

  torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};
  torch::nn::Linear attention_dense{nullptr}, intermediate_dense{nullptr}, output_dense{nullptr};
  torch::nn::LayerNorm attention_norm{nullptr}, output_norm{nullptr};

 private:
  int64_t heads_;
  int64_t head_size_;
  std::string activation_;
  torch::nn::Dropout attention_probs_dropout_{nullptr}, hidden_dropout_{nullptr};
};
TORCH_MODULE(BertLayer);

class BertModelImpl : public torch::nn::Module {
 public:
  explicit BertModelImpl(const BertConfig& config, bool add_pooling_layer = true);
  BertOutputs forward(const BertInputs& inputs);

  const BertConfig& config() const { return config_; }
  bool has_pooler() const { return !pooler_dense.is_empty(); }
  // As Hugging Face's resize_token_embeddings: keeps the first rows, initialises new ones
  // like any embedding, and updates config().vocab_size.
  void resize_token_embeddings(int64_t vocab_size);

  BertEmbeddings embeddings{nullptr};
  std::vector<BertLayer> layers;
  torch::nn::Linear pooler_dense{nullptr};

 private:
  void check_inputs(const BertInputs& inputs) const;
  BertConfig config_;
};
TORCH_MODULE(BertModel);

// Hugging Face's initialisation: normal(0, initializer_range) weights, zero biases,
// unit LayerNorms, zero padding row.
void init_bert_weights(BertModelImpl& model);

// The config's hidden_act: "gelu" (erf), "gelu_new" (tanh approximation) or "relu".
torch::Tensor activate(const torch::Tensor& x, const std::string& activation);

// Additive mask from a (B, T) 0/1 mask: 0 where attended, float-min where padded -> (B, 1, 1, T).
torch::Tensor additive_attention_mask(const torch::Tensor& attention_mask);

}  // namespace mnemo::nn
