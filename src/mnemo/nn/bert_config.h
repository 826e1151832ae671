// BERT hyperparameters, read from and written to Hugging Face's config.json.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace mnemo::nn {

struct BertConfig {
  // "bert", or "roberta" for the same encoder with RoBERTa's positions (clamp/clamp_model.h).
  std::string model_type = "bert";
  int64_t vocab_size = 30522;
  int64_t hidden_size = 768;
  int64_t num_hidden_layers = 12;
  int64_t num_attention_heads = 12;
  int64_t intermediate_size = 3072;
  int64_t max_position_embeddings = 512;
  int64_t type_vocab_size = 2;
  int64_t pad_token_id = 0;
  double layer_norm_eps = 1e-12;
  std::string hidden_act = "gelu";  // gelu (erf), gelu_new (tanh), relu
  double hidden_dropout_prob = 0.1;
  double attention_probs_dropout_prob = 0.1;
  double initializer_range = 0.02;

  // Defaults as Hugging Face's BertConfig for absent fields; `source` names the file in errors.
  // A model_type other than `model_type` is an error.
  static BertConfig from_json(const nlohmann::json& json, const std::string& source,
                              const std::string& model_type = "bert");
  nlohmann::json to_json() const;
  // Throws mnemo::Error naming `source` when sizes are impossible.
  void validate(const std::string& source) const;

  int64_t head_size() const { return hidden_size / num_attention_heads; }
};

// Named geometries: "tiny" (2 layers, d=64), "small" (4 layers, d=256, 4 heads, ff 1024,
// 128 positions), "base" (bert-base-cased: 12 layers, d=768, 512 positions).
BertConfig bert_geometry(const std::string& name, int64_t vocab_size);

}  // namespace mnemo::nn

namespace mnemo::nn {

// Forward FLOPs of the encoder layers on `batch` sequences of `tokens` (the formula of
// transformer_flops.h, without a head).
double bert_forward_flops(const BertConfig& config, int64_t batch, int64_t tokens);

}  // namespace mnemo::nn
