// The one exception type of mnemo. Its message names the file, the field and what was
// expected, so the CLI can print it as is and exit non-zero.
#pragma once
#include <stdexcept>
#include <string>

namespace mnemo {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// "path: message", the form every file-related error takes.
inline Error file_error(const std::string& path, const std::string& message) {
  return Error(path + ": " + message);
}

}  // namespace mnemo
