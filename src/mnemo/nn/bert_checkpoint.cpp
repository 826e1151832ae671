#include "mnemo/nn/bert_checkpoint.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"

namespace mnemo::nn {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::optional<std::string> bert_checkpoint_key(const std::string& key) {
  if (ends_with(key, "position_ids")) return std::nullopt;
  std::string name = key.rfind("bert.", 0) == 0 ? key.substr(5) : key;
  if (ends_with(name, "LayerNorm.gamma")) name.replace(name.size() - 5, 5, "weight");
  if (ends_with(name, "LayerNorm.beta")) name.replace(name.size() - 4, 4, "bias");
  return name;
}

LoadedBert load_bert(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw file_error(dir.string(), "not a model directory");
  const auto config_path = dir / "config.json";
  const auto weights_path = dir / "model.safetensors";
  if (!std::filesystem::exists(config_path)) throw file_error(config_path.string(), "missing");
  if (!std::filesystem::exists(weights_path)) {
    const bool has_bin = std::filesystem::exists(dir / "pytorch_model.bin");
    throw file_error(weights_path.string(),
                     has_bin ? "missing; only pytorch_model.bin is there, which mnemo cannot read "
                               "(pickle): save it as safetensors first"
                             : "missing");
  }
  const BertConfig config =
      BertConfig::from_json(io::read_json_file(config_path), config_path.string());
  io::SafetensorsFile weights(weights_path);
  LoadedBert loaded{BertModel(config), {}};
  loaded.report = load_state_dict(*loaded.model, weights, bert_checkpoint_key);
  return loaded;
}

void save_bert(const io::AtomicDirectory& dir, BertModelImpl& model) {
  dir.write_file("config.json", model.config().to_json().dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", state_dict(model), {{"format", "pt"}});
}

}  // namespace mnemo::nn
