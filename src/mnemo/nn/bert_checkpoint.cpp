#include "mnemo/nn/bert_checkpoint.h"

#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/model_directory.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::nn {
std::optional<std::string> bert_checkpoint_key(const std::string& key) {
  if (ends_with(key, "position_ids")) return std::nullopt;
  std::string name = key.rfind("bert.", 0) == 0 ? key.substr(5) : key;
  if (ends_with(name, "LayerNorm.gamma")) name.replace(name.size() - 5, 5, "weight");
  if (ends_with(name, "LayerNorm.beta")) name.replace(name.size() - 4, 4, "bias");
  return name;
}

LoadedBert load_bert(const std::filesystem::path& dir) {
  const ModelFiles files = find_model_files(io::resolve_model_directory(dir));
  const BertConfig config =
      BertConfig::from_json(io::read_json_file(files.config), files.config.string());
  LoadedBert loaded{BertModel(config), {}};
  loaded.report = load_weights_file(*loaded.model, files.weights, bert_checkpoint_key);
  return loaded;
}

void save_bert(const io::AtomicDirectory& dir, BertModelImpl& model) {
  dir.write_file("config.json", model.config().to_json().dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", state_dict(model), {{"format", "pt"}});
}

}  // namespace mnemo::nn
