#include "mnemo/io/json_file.h"

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::io {

nlohmann::json read_json_file(const std::filesystem::path& path) {
  const std::string text = read_file(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw file_error(path.string(), std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace mnemo::io
