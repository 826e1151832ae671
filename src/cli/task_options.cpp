#include "cli/task_options.h"

#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::cli {

void TaskOptions::add_to(CLI::App& command) {
  command.add_option("--task", task, "memorize, detect, reasoning or babi");
  command.add_option("--position", position,
                     "where facts go: segment (start of a random segment) or sentence (any "
                     "sentence boundary); default: start for memorize, segment for detect and "
                     "reasoning, sentence for bAbI");
  command.add_option("--babi", babi_file, "bAbI file (qa1..qa20 format): its facts and questions")
      ->check(CLI::ExistingFile);
  command.add_flag("--babi-story", babi_story,
                   "with --babi: hide the whole story, not only the supporting facts");
  command.add_option("--noise", noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
}

tasks::TaskSpec TaskOptions::spec(const tasks::TaskSpec& fallback) const {
  tasks::TaskSpec spec = fallback;
  if (!babi_file.empty()) {
    if (!task.empty() && task != "babi")
      throw Error("--babi FILE asks for the babi task, not --task " + task);
    spec.kind = tasks::TaskKind::babi;
    spec.babi_file = std::filesystem::absolute(babi_file);
    spec.babi_story = babi_story;
    spec.position = tasks::TaskSpec::default_position(spec.kind);
  } else if (!task.empty()) {
    spec.kind = tasks::parse_task_kind(task);
    spec.position = tasks::TaskSpec::default_position(spec.kind);
  }
  if (spec.kind == tasks::TaskKind::babi && spec.babi_file.empty())
    throw Error("the babi task needs --babi FILE");
  if (!position.empty()) {
    if (spec.kind == tasks::TaskKind::memorize)
      throw Error("--position: memorize always puts the fact first; use --task detect");
    spec.position = tasks::parse_fact_position(position);
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

std::vector<int64_t> parse_counts(const std::string& text, const std::string& option) {
  std::vector<int64_t> counts;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    const auto dash = item.find('-', 1);
    const auto first = parse_integer(item.substr(0, dash));
    const auto last = dash == std::string::npos ? first : parse_integer(item.substr(dash + 1));
    if (!first || !last || *first < 1 || *last < *first)
      throw Error(option + ": '" + item + "' is not a count >= 1 or a range like 4-8");
    for (int64_t value = *first; value <= *last; ++value) counts.push_back(value);
  }
  if (counts.empty()) throw Error(option + ": give at least one count");
  return counts;
}

std::filesystem::path rmt_model_directory(const std::string& name) {
  const std::filesystem::path path = name;
  return std::filesystem::exists(path / "rmt.json") ||
                 !std::filesystem::exists(path / "model" / "rmt.json")
             ? path
             : path / "model";
}

}  // namespace mnemo::cli
