// Runs another program with an argument list (no shell, so no quoting or injection) and
// collects what it writes.
#pragma once
#include <string>
#include <vector>

namespace mnemo {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string out, err;
};

// argv[0] is looked up on PATH. A program that cannot be started is an Error naming it.
ProcessResult run_process(const std::vector<std::string>& argv);

}  // namespace mnemo
