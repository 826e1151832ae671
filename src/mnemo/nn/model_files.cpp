#include "mnemo/nn/model_files.h"

#include "mnemo/core/error.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/io/torch_checkpoint.h"

namespace mnemo::nn {

ModelFiles find_model_files(const std::filesystem::path& dir) {
  const auto weights = find_weights_file(dir);
  const auto config = dir / "config.json";
  if (!std::filesystem::exists(config)) throw file_error(config.string(), "missing");
  return {config, weights};
}

std::filesystem::path find_weights_file(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw file_error(dir.string(), "not a model directory");
  for (const char* name : {"model.safetensors", "pytorch_model.bin"})
    if (std::filesystem::exists(dir / name)) return dir / name;
  throw file_error(dir.string(), "holds neither model.safetensors nor pytorch_model.bin");
}

LoadReport load_weights_file(torch::nn::Module& module, const std::filesystem::path& weights,
                             const KeyMapper& map_key) {
  if (weights.extension() == ".safetensors")
    return load_state_dict(module, io::SafetensorsFile(weights), map_key);
  return load_state_dict(module, io::read_torch_checkpoint(weights), weights.string(), map_key);
}

}  // namespace mnemo::nn
