// What the fuzz targets share: the input written to a scratch file (most readers take paths),
// and the rule that a reader may refuse input only with mnemo::Error. Any other exception
// escapes the target, and libFuzzer reports it as a crash.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "mnemo/core/error.h"

namespace mnemo::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A directory of this process under the temp dir, made once.
inline const std::filesystem::path& scratch() {
  static const auto dir = [] {
    auto path =
        std::filesystem::temp_directory_path() / ("mnemo-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path;
  }();
  return dir;
}

inline std::filesystem::path write_scratch(const std::string& name, std::string_view bytes) {
  const auto path = scratch() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), bytes.size());
  return path;
}

// Runs `read`; a mnemo::Error is a refusal, which is fine.
template <typename Read>
void refuse_only_with_errors(Read read) {
  try {
    read();
  } catch (const Error&) {
  }
}

}  // namespace mnemo::fuzz
