// GPT-2 hyperparameters, read from and written to Hugging Face's config.json.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace mnemo::nn {

struct Gpt2Config {
  int64_t vocab_size = 50257;
  int64_t n_positions = 1024;
  int64_t n_embd = 768;
  int64_t n_layer = 12;
  int64_t n_head = 12;
  int64_t n_inner = 0;                           // 0 (null in the file): 4 * n_embd
  std::string activation_function = "gelu_new";  // gelu_new (tanh), gelu (erf), relu
  double resid_pdrop = 0.1;
  double embd_pdrop = 0.1;
  double attn_pdrop = 0.1;
  double layer_norm_epsilon = 1e-5;
  double initializer_range = 0.02;
  int64_t bos_token_id = 50256;
  int64_t eos_token_id = 50256;

  // Defaults as Hugging Face's GPT2Config for absent fields; a config of another model_type,
  // or one using GPT-2 options mnemo does not implement, is an error naming `source`.
  static Gpt2Config from_json(const nlohmann::json& json, const std::string& source);
  nlohmann::json to_json() const;
  void validate(const std::string& source) const;

  int64_t inner_size() const { return n_inner > 0 ? n_inner : 4 * n_embd; }
  int64_t head_size() const { return n_embd / n_head; }
};

// Named geometries: "tiny" (2 layers, d=64, 128 positions), "small" (4 layers, d=256,
// 4 heads, 1024 positions), "gpt2" (GPT-2 small: 12 layers, d=768, 1024 positions). The
// caller sets bos/eos_token_id to its tokenizer's.
Gpt2Config gpt2_geometry(const std::string& name, int64_t vocab_size);

}  // namespace mnemo::nn
