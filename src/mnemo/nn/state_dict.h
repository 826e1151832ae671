// Name-for-name copies between a torch::nn::Module and a safetensors file, reporting
// missing and unexpected keys the way Hugging Face's from_pretrained does.
#pragma once
#include <torch/nn/module.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/io/safetensors.h"

namespace mnemo::nn {

struct LoadReport {
  std::vector<std::string> missing;     // model parameters the file did not have
  std::vector<std::string> unexpected;  // file tensors the model has no place for
  // Hugging Face style warnings, empty when everything matched.
  std::string summary() const;
  // Each line of summary() as a progress note (none when everything matched).
  void note(const Progress& progress) const;
};

// Maps a checkpoint key to the module's parameter name; nullopt drops the key silently
// (buffers such as `position_ids`).
using KeyMapper = std::function<std::optional<std::string>(const std::string&)>;

// Copies every mapped tensor into the module's parameter or buffer of that name. A shape
// that differs from the module's is an error naming the file and the tensor.
LoadReport load_state_dict(torch::nn::Module& module, const io::SafetensorsFile& file,
                           const KeyMapper& map_key);
// The same from tensors already in memory (io::read_torch_checkpoint); `source` names the
// file in errors.
LoadReport load_state_dict(torch::nn::Module& module, const io::NamedTensors& tensors,
                           const std::string& source, const KeyMapper& map_key);

// Parameters and buffers in registration order, ready for io::save_safetensors.
io::NamedTensors state_dict(const torch::nn::Module& module);

}  // namespace mnemo::nn
