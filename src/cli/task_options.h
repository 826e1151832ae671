// Command-line options shared by the `rmt` commands: the task and its noise, segment counts,
// model directories.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "mnemo/tasks/task.h"

namespace mnemo::cli {

struct TaskOptions {
  std::string task;      // empty: memorize for training, the model's task for evaluation
  std::string position;  // empty: the task's default
  std::string babi_file;
  bool babi_story = false;
  std::vector<std::string> noise = {"data/brown.txt"};

  void add_to(CLI::App& command);
  // The spec these options give; `fallback` supplies what they leave unset.
  tasks::TaskSpec spec(const tasks::TaskSpec& fallback) const;
};

// Noise files as absolute paths, each checked to exist (the default names the setup script).
std::vector<std::filesystem::path> noise_files(const std::vector<std::string>& names);

// A model directory, or a training run directory standing for its final model (model/).
std::filesystem::path rmt_model_directory(const std::string& name);

// "1,2,4-8,16" -> {1, 2, 4, 5, 6, 7, 8, 16}; every value >= 1.
std::vector<int64_t> parse_counts(const std::string& text, const std::string& option);

}  // namespace mnemo::cli
