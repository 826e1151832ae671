#include "mnemo/nn/model_files.h"

#include "mnemo/core/error.h"

namespace mnemo::nn {

ModelFiles find_model_files(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw file_error(dir.string(), "not a model directory");
  ModelFiles files{dir / "config.json", dir / "model.safetensors"};
  if (!std::filesystem::exists(files.config)) throw file_error(files.config.string(), "missing");
  if (!std::filesystem::exists(files.weights)) {
    const bool has_bin = std::filesystem::exists(dir / "pytorch_model.bin");
    throw file_error(files.weights.string(),
                     has_bin ? "missing; only pytorch_model.bin is there, which mnemo cannot read "
                               "(pickle): save it as safetensors first"
                             : "missing");
  }
  return files;
}

}  // namespace mnemo::nn
