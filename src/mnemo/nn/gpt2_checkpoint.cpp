#include "mnemo/nn/gpt2_checkpoint.h"

#include "mnemo/core/strings.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::nn {

std::optional<std::string> gpt2_checkpoint_key(const std::string& key) {
  if (ends_with(key, ".attn.bias") || ends_with(key, ".attn.masked_bias")) return std::nullopt;
  if (key == "lm_head.weight") return std::nullopt;
  return starts_with(key, "transformer.") ? key : "transformer." + key;
}

LoadedGpt2 load_gpt2(const std::filesystem::path& dir) {
  const ModelFiles files = find_model_files(dir);
  const Gpt2Config config =
      Gpt2Config::from_json(io::read_json_file(files.config), files.config.string());
  LoadedGpt2 loaded{Gpt2LMHeadModel(config), {}};
  loaded.report = load_weights_file(*loaded.model, files.weights, gpt2_checkpoint_key);
  return loaded;
}

Gpt2LMHeadModel load_complete_gpt2(const std::filesystem::path& dir) {
  auto loaded = load_gpt2(dir);
  if (!loaded.report.missing.empty())
    throw file_error(dir.string(), "is missing weights: " + loaded.report.summary());
  return loaded.model;
}

void save_gpt2(const io::AtomicDirectory& dir, Gpt2LMHeadModelImpl& model) {
  dir.write_file("config.json", model.config().to_json().dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", state_dict(model), {{"format", "pt"}});
}

}  // namespace mnemo::nn
