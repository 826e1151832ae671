#include "cli/babilong_options.h"

#include <iostream>
#include <sstream>

#include "cli/task_options.h"
#include "mnemo/core/error.h"
#include "mnemo/tasks/babi.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

// "qa1" for qa1_single-supporting-fact_train.txt: the task's name is what comes before '_'.
std::string babi_task_name(const fs::path& file) {
  const std::string stem = file.stem().string();
  return stem.substr(0, stem.find('_'));
}

}  // namespace

std::vector<std::shared_ptr<const tasks::BabilongGenerator>> babilong_tasks(
    const std::vector<std::string>& babi_files, const std::vector<std::string>& noise,
    const std::shared_ptr<const text::Tokenizer>& tokenizer) {
  if (babi_files.empty()) throw Error("give the bAbI files to draw facts from with --babi FILE...");
  std::cerr << "reading noise from " << noise.size() << " file(s)...\n";
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise_files(noise), *tokenizer);
  std::vector<std::shared_ptr<const tasks::BabilongGenerator>> generators;
  for (const auto& file : babi_files)
    generators.push_back(std::make_shared<tasks::BabilongGenerator>(
        babi_task_name(file), tasks::read_babi(file), tokenizer, corpus));
  return generators;
}

std::vector<int64_t> parse_lengths(const std::string& text) {
  std::vector<int64_t> lengths;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    try {
      size_t used = 0;
      int64_t value = std::stoll(item, &used);
      const std::string unit = item.substr(used);
      if (unit == "k" || unit == "K")
        value *= 1024;
      else if (unit == "M" || unit == "m")
        value *= 1024 * 1024;
      else if (!unit.empty())
        throw std::invalid_argument(unit);
      if (value < 0) throw std::invalid_argument(item);
      lengths.push_back(value);
    } catch (const std::exception&) {
      throw Error("--lengths: '" + item + "' is not a length like 0, 512, 4k or 1M");
    }
  }
  if (lengths.empty()) throw Error("--lengths: give at least one length");
  return lengths;
}

std::string length_name(int64_t tokens) {
  if (tokens >= 1024 * 1024 && tokens % (1024 * 1024) == 0)
    return std::to_string(tokens / (1024 * 1024)) + "M";
  if (tokens >= 1024 && tokens % 1024 == 0) return std::to_string(tokens / 1024) + "k";
  return std::to_string(tokens);
}
}  // namespace mnemo::cli
