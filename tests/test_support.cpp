#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "mnemo/core/error.h"

namespace mnemo::testing {

ScratchDir::ScratchDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("mnemo-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path shared_path(const std::string& relative) {
  const fs::path path = fs::path(MNEMO_SHARED_DIR) / relative;
  return fs::exists(path) ? path : fs::path();
}

fs::path shared_fixture(const std::string& name) { return shared_path("fixtures/" + name); }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

static std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

fs::path mnemo_program() { return MNEMO_CLI_PATH; }

CommandResult run_mnemo(const std::string& arguments) {
  return run_shell(shell_quote(MNEMO_CLI_PATH) + " " + arguments);
}

CommandResult run_shell(const std::string& script) {
  ScratchDir scratch;
  write_text(scratch / "script.sh", script + "\n");
  const std::string command = "bash " + shell_quote(scratch / "script.sh") + " > " +
                              shell_quote(scratch / "out") + " 2> " + shell_quote(scratch / "err");
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(scratch / "out");
  result.err = slurp(scratch / "err");
  return result;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

void run_python_reference(const std::string& script, const fs::path& out_dir) {
  const std::string command =
      "/usr/bin/python3 " +
      shell_quote(std::string(MNEMO_SOURCE_DIR) + "/tests/reference/" + script) + " " +
      shell_quote(out_dir.string());
  if (std::system(command.c_str()) != 0)
    throw Error("tests/reference/" + script +
                " failed: it needs Debian's python3-torch and python3-regex "
                "(scripts/install-deps.sh)");
}

}  // namespace mnemo::testing
