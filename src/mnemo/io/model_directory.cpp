#include "mnemo/io/model_directory.h"

namespace mnemo::io {

std::filesystem::path resolve_model_directory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  if (fs::exists(dir / "run.json") && !fs::exists(dir / "config.json")) return dir / "model";
  return dir;
}

}  // namespace mnemo::io
