#include "mnemo/nn/gpt_neox_checkpoint.h"

#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::nn {

std::optional<std::string> gpt_neox_checkpoint_key(const std::string& key) {
  for (const char* buffer : {".attention.bias", ".attention.masked_bias", ".rotary_emb.inv_freq"})
    if (ends_with(key, buffer)) return std::nullopt;
  return key;
}

LoadedGptNeox load_gpt_neox(const std::filesystem::path& dir) {
  const auto weights = find_weights_file(dir);
  const auto config_path = dir / "config.json";
  if (!std::filesystem::exists(config_path)) throw file_error(config_path.string(), "missing");
  const auto config =
      GptNeoxConfig::from_json(io::read_json_file(config_path), config_path.string());
  LoadedGptNeox loaded{GptNeoxForCausalLM(config), {}};
  loaded.report = load_weights_file(*loaded.model, weights, gpt_neox_checkpoint_key);
  if (!loaded.report.missing.empty())
    throw file_error(weights.string(), "is not a GPT-NeoX checkpoint of this config: " +
                                           std::to_string(loaded.report.missing.size()) +
                                           " weights are missing, the first " +
                                           loaded.report.missing.front());
  loaded.model->eval();
  return loaded;
}

void save_gpt_neox(const io::AtomicDirectory& dir, GptNeoxForCausalLMImpl& model) {
  dir.write_file("config.json", model.config().to_json().dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", state_dict(model), {{"format", "pt"}});
}

}  // namespace mnemo::nn
