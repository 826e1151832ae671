#include "mnemo/nn/gpt_neox_config.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"

namespace mnemo::nn {

GptNeoxConfig GptNeoxConfig::from_json(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object()) throw file_error(source, "config is not a JSON object");
  using io::json_field;
  const std::string type = json_field(json, "model_type", std::string(), source);
  if (type != "gpt_neox")
    throw file_error(source, "model_type is '" + type + "', not 'gpt_neox': not a GPT-NeoX model");
  GptNeoxConfig c;
  c.vocab_size = json_field(json, "vocab_size", c.vocab_size, source);
  c.hidden_size = json_field(json, "hidden_size", c.hidden_size, source);
  c.num_hidden_layers = json_field(json, "num_hidden_layers", c.num_hidden_layers, source);
  c.num_attention_heads = json_field(json, "num_attention_heads", c.num_attention_heads, source);
  c.intermediate_size = json_field(json, "intermediate_size", c.intermediate_size, source);
  c.hidden_act = json_field(json, "hidden_act", c.hidden_act, source);
  c.rotary_pct = json_field(json, "rotary_pct", c.rotary_pct, source);
  c.rotary_emb_base = json_field(json, "rotary_emb_base", c.rotary_emb_base, source);
  c.max_position_embeddings =
      json_field(json, "max_position_embeddings", c.max_position_embeddings, source);
  c.layer_norm_eps = json_field(json, "layer_norm_eps", c.layer_norm_eps, source);
  c.use_parallel_residual =
      json_field(json, "use_parallel_residual", c.use_parallel_residual, source);
  c.tie_word_embeddings = json_field(json, "tie_word_embeddings", c.tie_word_embeddings, source);
  // Variants that change the math; refusing them beats wrong outputs.
  if (json.contains("rope_scaling") && !json.at("rope_scaling").is_null())
    throw file_error(source, "rope_scaling is not supported");
  if (json_field(json, "attention_bias", true, source) == false)
    throw file_error(source, "attention_bias = false is not supported");
  c.validate(source);
  return c;
}

nlohmann::json GptNeoxConfig::to_json() const {
  return {{"architectures", {"GPTNeoXForCausalLM"}},
          {"model_type", "gpt_neox"},
          {"vocab_size", vocab_size},
          {"hidden_size", hidden_size},
          {"num_hidden_layers", num_hidden_layers},
          {"num_attention_heads", num_attention_heads},
          {"intermediate_size", intermediate_size},
          {"hidden_act", hidden_act},
          {"rotary_pct", rotary_pct},
          {"rotary_emb_base", rotary_emb_base},
          {"max_position_embeddings", max_position_embeddings},
          {"layer_norm_eps", layer_norm_eps},
          {"use_parallel_residual", use_parallel_residual},
          {"tie_word_embeddings", tie_word_embeddings}};
}

void GptNeoxConfig::validate(const std::string& source) const {
  for (const auto& [value, field] : {std::pair{vocab_size, "vocab_size"},
                                     {hidden_size, "hidden_size"},
                                     {num_hidden_layers, "num_hidden_layers"},
                                     {num_attention_heads, "num_attention_heads"},
                                     {intermediate_size, "intermediate_size"},
                                     {max_position_embeddings, "max_position_embeddings"}})
    if (value <= 0)
      throw file_error(source,
                       std::string(field) + " must be positive, got " + std::to_string(value));
  if (hidden_size % num_attention_heads != 0)
    throw file_error(source, "hidden_size " + std::to_string(hidden_size) +
                                 " is not a multiple of num_attention_heads " +
                                 std::to_string(num_attention_heads));
  if (!(rotary_pct >= 0 && rotary_pct <= 1))
    throw file_error(source, "rotary_pct must be in [0, 1]");
  if (rotary_dims() % 2 != 0)
    throw file_error(source, "rotary dimensions (head size x rotary_pct = " +
                                 std::to_string(rotary_dims()) + ") must be even");
  if (hidden_act != "gelu" && hidden_act != "gelu_new" && hidden_act != "relu")
    throw file_error(source,
                     "hidden_act '" + hidden_act + "' is not supported (gelu, gelu_new, relu)");
  if (!(layer_norm_eps > 0)) throw file_error(source, "layer_norm_eps must be positive");
  if (!(rotary_emb_base > 0)) throw file_error(source, "rotary_emb_base must be positive");
}

}  // namespace mnemo::nn
