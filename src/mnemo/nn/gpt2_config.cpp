#include "mnemo/nn/gpt2_config.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"

namespace mnemo::nn {

Gpt2Config Gpt2Config::from_json(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object()) throw file_error(source, "config is not a JSON object");
  using io::json_field;
  const std::string type = json_field(json, "model_type", std::string("gpt2"), source);
  if (type != "gpt2")
    throw file_error(source, "model_type is '" + type + "', not 'gpt2': not a GPT-2 model");
  Gpt2Config c;
  c.vocab_size = json_field(json, "vocab_size", c.vocab_size, source);
  c.n_positions = json_field(json, "n_positions", c.n_positions, source);
  c.n_embd = json_field(json, "n_embd", c.n_embd, source);
  c.n_layer = json_field(json, "n_layer", c.n_layer, source);
  c.n_head = json_field(json, "n_head", c.n_head, source);
  c.n_inner = json_field(json, "n_inner", c.n_inner, source);
  c.activation_function = json_field(json, "activation_function", c.activation_function, source);
  c.resid_pdrop = json_field(json, "resid_pdrop", c.resid_pdrop, source);
  c.embd_pdrop = json_field(json, "embd_pdrop", c.embd_pdrop, source);
  c.attn_pdrop = json_field(json, "attn_pdrop", c.attn_pdrop, source);
  c.layer_norm_epsilon = json_field(json, "layer_norm_epsilon", c.layer_norm_epsilon, source);
  c.initializer_range = json_field(json, "initializer_range", c.initializer_range, source);
  c.bos_token_id = json_field(json, "bos_token_id", c.bos_token_id, source);
  c.eos_token_id = json_field(json, "eos_token_id", c.eos_token_id, source);
  // Variants of the attention that change the math; refusing them beats wrong outputs.
  for (const char* flag : {"scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn"})
    if (json_field(json, flag, false, source))
      throw file_error(source, std::string(flag) + " = true is not supported");
  if (!json_field(json, "scale_attn_weights", true, source))
    throw file_error(source, "scale_attn_weights = false is not supported");
  c.validate(source);
  return c;
}

nlohmann::json Gpt2Config::to_json() const {
  return {{"architectures", {"GPT2LMHeadModel"}},
          {"model_type", "gpt2"},
          {"vocab_size", vocab_size},
          {"n_positions", n_positions},
          {"n_ctx", n_positions},
          {"n_embd", n_embd},
          {"n_layer", n_layer},
          {"n_head", n_head},
          {"n_inner", n_inner > 0 ? nlohmann::json(n_inner) : nlohmann::json()},
          {"activation_function", activation_function},
          {"resid_pdrop", resid_pdrop},
          {"embd_pdrop", embd_pdrop},
          {"attn_pdrop", attn_pdrop},
          {"layer_norm_epsilon", layer_norm_epsilon},
          {"initializer_range", initializer_range},
          {"bos_token_id", bos_token_id},
          {"eos_token_id", eos_token_id},
          {"tie_word_embeddings", true}};
}

void Gpt2Config::validate(const std::string& source) const {
  auto require_positive = [&](int64_t value, const char* field) {
    if (value <= 0)
      throw file_error(source,
                       std::string(field) + " must be positive, got " + std::to_string(value));
  };
  require_positive(vocab_size, "vocab_size");
  require_positive(n_positions, "n_positions");
  require_positive(n_embd, "n_embd");
  require_positive(n_layer, "n_layer");
  require_positive(n_head, "n_head");
  if (n_inner < 0) throw file_error(source, "n_inner must be positive or null");
  if (n_embd % n_head != 0)
    throw file_error(source, "n_embd " + std::to_string(n_embd) + " is not a multiple of n_head " +
                                 std::to_string(n_head));
  if (activation_function != "gelu_new" && activation_function != "gelu" &&
      activation_function != "relu")
    throw file_error(source, "activation_function '" + activation_function +
                                 "' is not supported (gelu_new, gelu, relu)");
  if (!(layer_norm_epsilon > 0)) throw file_error(source, "layer_norm_epsilon must be positive");
}

Gpt2Config gpt2_geometry(const std::string& name, int64_t vocab_size) {
  Gpt2Config c;
  c.vocab_size = vocab_size;
  if (name == "tiny") {
    c.n_embd = 64, c.n_layer = 2, c.n_head = 4, c.n_positions = 128;
  } else if (name == "small") {
    c.n_embd = 256, c.n_layer = 4, c.n_head = 4;
  } else if (name != "gpt2") {
    throw Error("unknown GPT-2 geometry '" + name + "' (expected tiny, small or gpt2)");
  }
  c.validate("geometry " + name);
  return c;
}

}  // namespace mnemo::nn
