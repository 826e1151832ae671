#include "mnemo/tasks/task_choice.h"

#include "mnemo/core/error.h"

namespace mnemo::tasks {

TaskSpec TaskChoice::spec(const TaskSpec& fallback) const {
  TaskSpec spec = fallback;
  if (!babi_file.empty()) {
    if (!task.empty() && task != "babi")
      throw Error("--babi FILE asks for the babi task, not --task " + task);
    spec.kind = TaskKind::babi;
    spec.babi_file = std::filesystem::absolute(babi_file);
    spec.babi_story = babi_story;
    spec.position = TaskSpec::default_position(spec.kind);
  } else if (!task.empty()) {
    spec.kind = parse_task_kind(task);
    spec.position = TaskSpec::default_position(spec.kind);
  }
  if (spec.kind == TaskKind::babi && spec.babi_file.empty())
    throw Error("the babi task needs --babi FILE");
  if (!position.empty()) {
    if (spec.kind == TaskKind::memorize)
      throw Error("--position: memorize always puts the fact first; use --task detect");
    spec.position = parse_fact_position(position);
  }
  return spec;
}

std::vector<std::filesystem::path> noise_files(const std::vector<std::string>& names) {
  std::vector<std::filesystem::path> files;
  for (const auto& name : names) {
    if (!std::filesystem::exists(name))
      throw file_error(name, name == "data/brown.txt"
                                 ? "missing: run scripts/fetch-brown.sh (make deps does), or give "
                                   "other text with --noise FILE"
                                 : "text file not found");
    files.push_back(std::filesystem::absolute(name));
  }
  return files;
}

}  // namespace mnemo::tasks
