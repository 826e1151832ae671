// Helpers shared by the tests: scratch directories, the shared fixtures, the CLI.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace mnemo::testing {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with everything in it at scope end.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// ../shared/fixtures/<name> when the shared folder is beside the checkout, else empty.
fs::path shared_fixture(const std::string& name);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built `mnemo` with `arguments` (already shell-quoted where needed).
CommandResult run_mnemo(const std::string& arguments);

// Single-quotes a path or text for the shell.
std::string shell_quote(const std::string& text);

void write_text(const fs::path& path, const std::string& text);

}  // namespace mnemo::testing
