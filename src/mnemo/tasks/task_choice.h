// The task a user names for training, evaluation or a look at attention: a task kind, where
// its facts go, a bAbI file, and the noise files; what is left unset comes from a fallback
// (the defaults for training, the model's own task for evaluation).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/tasks/task.h"

namespace mnemo::tasks {

struct TaskChoice {
  std::string task;      // empty: the fallback's
  std::string position;  // empty: the task's default
  std::string babi_file;
  bool babi_story = false;
  std::vector<std::string> noise = {"data/brown.txt"};

  // The spec this choice gives; `fallback` supplies what it leaves unset. Contradictions
  // (--babi with another --task, a position for memorize) are errors naming the option.
  TaskSpec spec(const TaskSpec& fallback) const;
};

// Noise files as absolute paths, each checked to exist (the default names the setup script).
std::vector<std::filesystem::path> noise_files(const std::vector<std::string>& names);

}  // namespace mnemo::tasks
