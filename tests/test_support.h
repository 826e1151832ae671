// Helpers shared by the tests: scratch directories, the shared fixtures, the CLI.
#pragma once
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
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

// The message of the mnemo::Error that `action` throws; empty when it throws none.
std::string error_of(const std::function<void()>& action);

// Runs tests/reference/<script> OUT_DIR with Debian's python3 (python3-torch, python3-regex);
// a failure fails the calling test.
void run_python_reference(const std::string& script, const fs::path& out_dir);

// Nested JSON arrays of numbers as a float tensor of their shape; long_tensor as int64.
torch::Tensor to_tensor(const nlohmann::json& nested);
torch::Tensor long_tensor(const nlohmann::json& nested);

}  // namespace mnemo::testing
