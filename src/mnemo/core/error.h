// The one exception type of mnemo. Its message names the file, the field and what was
// expected, so the CLI can print it as is and exit non-zero.
#pragma once
#include <stdexcept>
#include <string>

#include "mnemo/core/printable.h"

namespace mnemo {

// Messages quote what files and requests hold: printable() escapes what could drive a
// terminal or break a reader of the message as text or JSON.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(printable(message)) {}
};

// "path: message", the form every file-related error takes.
inline Error file_error(const std::string& path, const std::string& message) {
  return Error(path + ": " + message);
}

}  // namespace mnemo
