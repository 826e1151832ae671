#include "mnemo/nn/transformer_flops.h"

#include <cmath>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"

namespace mnemo::nn {
namespace {

constexpr int64_t kOptVocabulary = 50272;

// name, layers, d_model, ffn_dim (OPT's feed-forward is 4 d everywhere).
const std::vector<TransformerShape>& opt_family() {
  static const std::vector<TransformerShape> family = {
      {"opt-125m", 12, 768, 3072, kOptVocabulary},   {"opt-350m", 24, 1024, 4096, kOptVocabulary},
      {"opt-1.3b", 24, 2048, 8192, kOptVocabulary},  {"opt-6.7b", 32, 4096, 16384, kOptVocabulary},
      {"opt-13b", 40, 5120, 20480, kOptVocabulary},  {"opt-30b", 48, 7168, 28672, kOptVocabulary},
      {"opt-175b", 96, 12288, 49152, kOptVocabulary}};
  return family;
}

// The first of `keys` present in `config`, or an error naming the file and the keys.
int64_t first_field(const nlohmann::json& config, const std::vector<std::string>& keys,
                    const std::string& source) {
  for (const auto& key : keys)
    if (config.contains(key) && config[key].is_number_integer()) return config[key].get<int64_t>();
  std::string names;
  for (const auto& key : keys) names += (names.empty() ? "" : " or ") + key;
  throw Error(source + ": no integer field " + names);
}

}  // namespace

std::vector<std::string> opt_names() {
  std::vector<std::string> names;
  for (const auto& shape : opt_family()) names.push_back(shape.name);
  return names;
}

TransformerShape opt_shape(const std::string& name) {
  for (const auto& shape : opt_family())
    if (shape.name == name) return shape;
  std::string known;
  for (const auto& shape : opt_family()) known += (known.empty() ? "" : ", ") + shape.name;
  throw Error("unknown model '" + name + "' (expected " + known + " or a model directory)");
}

TransformerShape shape_from_config(const std::filesystem::path& model_dir) {
  const auto path = model_dir / "config.json";
  const auto config = io::read_json_file(path);
  TransformerShape shape;
  shape.name = model_dir.filename().string();
  shape.layers = first_field(config, {"num_hidden_layers", "n_layer"}, path.string());
  shape.hidden = first_field(config, {"hidden_size", "n_embd", "d_model"}, path.string());
  shape.vocab = first_field(config, {"vocab_size"}, path.string());
  // GPT-2 leaves n_inner null for 4 d.
  shape.intermediate =
      config.contains("n_inner") && config["n_inner"].is_null()
          ? 4 * shape.hidden
          : first_field(config, {"intermediate_size", "ffn_dim", "n_inner"}, path.string());
  return shape;
}

double transformer_forward_flops(const TransformerShape& s, double tokens, double context,
                                 bool lm_head) {
  const double d = double(s.hidden), f = double(s.intermediate);
  const double per_layer = 8 * tokens * d * d + 4 * tokens * context * d + 4 * tokens * d * f;
  return double(s.layers) * per_layer + (lm_head ? 2 * tokens * d * double(s.vocab) : 0.0);
}

double full_attention_flops(const TransformerShape& shape, double tokens) {
  return transformer_forward_flops(shape, tokens, tokens, true);
}

double rmt_flops(const TransformerShape& shape, double tokens, int64_t segment) {
  const double s = double(segment);
  return std::ceil(tokens / s) * transformer_forward_flops(shape, s, s, true);
}

}  // namespace mnemo::nn
