// The two files of a Hugging Face model directory, checked before any model reads them.
#pragma once
#include <filesystem>

#include "mnemo/nn/state_dict.h"

namespace mnemo::nn {

struct ModelFiles {
  std::filesystem::path config;   // config.json
  std::filesystem::path weights;  // as find_weights_file chooses
};

// Errors name the directory or the missing file.
ModelFiles find_model_files(const std::filesystem::path& dir);

// dir/model.safetensors, else dir/pytorch_model.bin (as Hugging Face publishes older models);
// neither is an error naming the directory.
std::filesystem::path find_weights_file(const std::filesystem::path& dir);

// Loads either kind of weights file into `module`: safetensors mapped, a torch.save zip
// through mnemo's restricted unpickler (io::read_torch_checkpoint).
LoadReport load_weights_file(torch::nn::Module& module, const std::filesystem::path& weights,
                             const KeyMapper& map_key);

}  // namespace mnemo::nn
