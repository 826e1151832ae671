// The two files of a Hugging Face model directory, checked before any model reads them.
#pragma once
#include <filesystem>

namespace mnemo::nn {

struct ModelFiles {
  std::filesystem::path config;   // config.json
  std::filesystem::path weights;  // model.safetensors
};

// Errors name the directory or the missing file, and say what to do about a
// pytorch_model.bin-only directory.
ModelFiles find_model_files(const std::filesystem::path& dir);

}  // namespace mnemo::nn
