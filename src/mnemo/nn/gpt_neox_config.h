// Hugging Face's GPTNeoXConfig (Pythia's config.json): the fields the model's math reads.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace mnemo::nn {

struct GptNeoxConfig {
  int64_t vocab_size = 50432;
  int64_t hidden_size = 6144;
  int64_t num_hidden_layers = 44;
  int64_t num_attention_heads = 64;
  int64_t intermediate_size = 24576;
  std::string hidden_act = "gelu";
  double rotary_pct = 0.25;  // share of each head's dimensions that rotary embeddings turn
  double rotary_emb_base = 10000;
  int64_t max_position_embeddings = 2048;
  double layer_norm_eps = 1e-5;
  bool use_parallel_residual = true;  // x + attn(ln1 x) + mlp(ln2 x)
  bool tie_word_embeddings = false;

  int64_t head_size() const { return hidden_size / num_attention_heads; }
  // HF: int(head_size * rotary_pct).
  int64_t rotary_dims() const {
    return static_cast<int64_t>(static_cast<double>(head_size()) * rotary_pct);
  }

  // `source` names the file in errors; a config of another model_type is refused.
  static GptNeoxConfig from_json(const nlohmann::json& json, const std::string& source);
  nlohmann::json to_json() const;
  void validate(const std::string& source) const;
};

}  // namespace mnemo::nn
