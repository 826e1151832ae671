// Helpers shared by the tests: scratch directories, the shared data, the CLI, skips that say
// why. Free of torch, so that tests of the torch-free library build without it
// (tensor_support.h has the tensor helpers).
#pragma once
#include <gtest/gtest.h>

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

// The only way a test may skip: it says why, and `make test` lists every such reason at the
// end (tests/summarize.sh). A skip without "mnemo-skip:" fails the test run.
#define MNEMO_SKIP(reason) GTEST_SKIP() << "mnemo-skip: " << reason

// ../shared/<relative> (fixtures, bAbI, WikiMT) when the shared folder is beside the
// checkout, else empty.
fs::path shared_path(const std::string& relative);
// ../shared/fixtures/<name>, or empty.
fs::path shared_fixture(const std::string& name);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// The built `mnemo`.
fs::path mnemo_program();
// Runs the built `mnemo` with `arguments` (already shell-quoted where needed).
CommandResult run_mnemo(const std::string& arguments);
// Runs a bash script; its exit status, stdout and stderr.
CommandResult run_shell(const std::string& script);

// Single-quotes a path or text for the shell.
std::string shell_quote(const std::string& text);

void write_text(const fs::path& path, const std::string& text);

// The message of the mnemo::Error that `action` throws; empty when it throws none.
std::string error_of(const std::function<void()>& action);

// Runs tests/reference/<script> OUT_DIR with Debian's python3 (python3-torch, python3-regex);
// throws mnemo::Error when it fails. Tests use it through fixtures.h's reference_outputs,
// which runs each script once per test run.
void run_python_reference(const std::string& script, const fs::path& out_dir);

}  // namespace mnemo::testing
