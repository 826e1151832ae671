#include "mnemo/nn/bert_config.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/nn/transformer_flops.h"

namespace mnemo::nn {

BertConfig BertConfig::from_json(const nlohmann::json& json, const std::string& source,
                                 const std::string& model_type) {
  if (!json.is_object()) throw file_error(source, "config is not a JSON object");
  using io::json_field;
  const std::string type = json_field(json, "model_type", model_type, source);
  if (type != model_type)
    throw file_error(source, "model_type is '" + type + "', not '" + model_type + "': not a " +
                                 (model_type == "roberta" ? "RoBERTa" : "BERT") + " model");
  BertConfig c;
  c.model_type = model_type;
  c.vocab_size = json_field(json, "vocab_size", c.vocab_size, source);
  c.hidden_size = json_field(json, "hidden_size", c.hidden_size, source);
  c.num_hidden_layers = json_field(json, "num_hidden_layers", c.num_hidden_layers, source);
  c.num_attention_heads = json_field(json, "num_attention_heads", c.num_attention_heads, source);
  c.intermediate_size = json_field(json, "intermediate_size", c.intermediate_size, source);
  c.max_position_embeddings =
      json_field(json, "max_position_embeddings", c.max_position_embeddings, source);
  c.type_vocab_size = json_field(json, "type_vocab_size", c.type_vocab_size, source);
  c.pad_token_id = json_field(json, "pad_token_id", c.pad_token_id, source);
  c.layer_norm_eps = json_field(json, "layer_norm_eps", c.layer_norm_eps, source);
  c.hidden_act = json_field(json, "hidden_act", c.hidden_act, source);
  c.hidden_dropout_prob = json_field(json, "hidden_dropout_prob", c.hidden_dropout_prob, source);
  c.attention_probs_dropout_prob =
      json_field(json, "attention_probs_dropout_prob", c.attention_probs_dropout_prob, source);
  c.initializer_range = json_field(json, "initializer_range", c.initializer_range, source);
  const std::string positions =
      json_field(json, "position_embedding_type", std::string("absolute"), source);
  if (positions != "absolute")
    throw file_error(
        source, "position_embedding_type '" + positions + "' is not supported (only 'absolute')");
  c.validate(source);
  return c;
}

nlohmann::json BertConfig::to_json() const {
  return {{"architectures", {model_type == "roberta" ? "RobertaModel" : "BertModel"}},
          {"model_type", model_type},
          {"vocab_size", vocab_size},
          {"hidden_size", hidden_size},
          {"num_hidden_layers", num_hidden_layers},
          {"num_attention_heads", num_attention_heads},
          {"intermediate_size", intermediate_size},
          {"max_position_embeddings", max_position_embeddings},
          {"type_vocab_size", type_vocab_size},
          {"pad_token_id", pad_token_id},
          {"layer_norm_eps", layer_norm_eps},
          {"hidden_act", hidden_act},
          {"hidden_dropout_prob", hidden_dropout_prob},
          {"attention_probs_dropout_prob", attention_probs_dropout_prob},
          {"initializer_range", initializer_range},
          {"position_embedding_type", "absolute"}};
}

void BertConfig::validate(const std::string& source) const {
  auto require_positive = [&](int64_t value, const char* field) {
    if (value <= 0)
      throw file_error(source,
                       std::string(field) + " must be positive, got " + std::to_string(value));
  };
  require_positive(vocab_size, "vocab_size");
  require_positive(hidden_size, "hidden_size");
  require_positive(num_hidden_layers, "num_hidden_layers");
  require_positive(num_attention_heads, "num_attention_heads");
  require_positive(intermediate_size, "intermediate_size");
  require_positive(max_position_embeddings, "max_position_embeddings");
  require_positive(type_vocab_size, "type_vocab_size");
  if (hidden_size % num_attention_heads != 0)
    throw file_error(source, "hidden_size " + std::to_string(hidden_size) +
                                 " is not a multiple of num_attention_heads " +
                                 std::to_string(num_attention_heads));
  if (hidden_act != "gelu" && hidden_act != "gelu_new" && hidden_act != "relu")
    throw file_error(source,
                     "hidden_act '" + hidden_act + "' is not supported (gelu, gelu_new, relu)");
  if (!(layer_norm_eps > 0)) throw file_error(source, "layer_norm_eps must be positive");
}

BertConfig bert_geometry(const std::string& name, int64_t vocab_size) {
  BertConfig c;
  c.vocab_size = vocab_size;
  if (name == "tiny") {
    c.hidden_size = 64, c.num_hidden_layers = 2, c.num_attention_heads = 4;
    c.intermediate_size = 256, c.max_position_embeddings = 64;
  } else if (name == "small") {
    c.hidden_size = 256, c.num_hidden_layers = 4, c.num_attention_heads = 4;
    c.intermediate_size = 1024, c.max_position_embeddings = 128;
  } else if (name != "base") {
    throw Error("unknown geometry '" + name + "' (expected tiny, small or base)");
  }
  c.validate("geometry " + name);
  return c;
}

}  // namespace mnemo::nn

namespace mnemo::nn {

double bert_forward_flops(const BertConfig& c, int64_t batch, int64_t tokens) {
  const TransformerShape shape{"bert", c.num_hidden_layers, c.hidden_size, c.intermediate_size,
                               c.vocab_size};
  return double(batch) * transformer_forward_flops(shape, double(tokens), double(tokens), false);
}

}  // namespace mnemo::nn
