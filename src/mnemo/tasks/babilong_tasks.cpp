#include "mnemo/tasks/babilong_tasks.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/tasks/babi.h"
#include "mnemo/tasks/sample_set.h"
#include "mnemo/tasks/task_choice.h"

namespace mnemo::tasks {
namespace {

namespace fs = std::filesystem;

// Evaluation samples come from their own stream of the validation questions and noise.
constexpr uint64_t kBabilongEvaluationStream = 4;

// "qa1" for qa1_single-supporting-fact_train.txt: the task's name is what comes before '_'.
std::string babi_task_name(const fs::path& file) {
  const std::string stem = file.stem().string();
  return stem.substr(0, stem.find('_'));
}

}  // namespace

std::vector<std::shared_ptr<const BabilongGenerator>> babilong_tasks(
    const std::vector<std::string>& babi_files, const std::vector<std::string>& noise,
    const std::shared_ptr<const text::Tokenizer>& tokenizer, const Progress& progress) {
  if (babi_files.empty()) throw Error("give the bAbI files to draw facts from with --babi FILE...");
  progress.note("reading noise from " + std::to_string(noise.size()) + " file(s)...");
  const auto corpus = std::make_shared<NoiseCorpus>(noise_files(noise), *tokenizer);
  std::vector<std::shared_ptr<const BabilongGenerator>> generators;
  for (const auto& file : babi_files)
    generators.push_back(std::make_shared<BabilongGenerator>(babi_task_name(file), read_babi(file),
                                                             tokenizer, corpus));
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

BabilongSample evaluation_sample(const BabilongGenerator& task, uint64_t seed, int64_t length,
                                 int64_t i) {
  const SampleSet set{Split::validation, seed, kBabilongEvaluationStream, length, 0};
  auto random = set.random(i);
  return task.generate(random, set.split, length);
}

int64_t make_babilong_samples(const BabilongMakeSettings& settings, const Progress& progress) {
  const std::shared_ptr<const text::Tokenizer> tokenizer = text::load_tokenizer(settings.tokenizer);
  const auto generators = babilong_tasks(settings.babi, settings.noise, tokenizer, progress);
  const auto lengths = parse_lengths(settings.lengths);
  std::string lines;
  int64_t written = 0;
  for (const auto& generator : generators)
    for (const int64_t length : lengths)
      for (int64_t i = 0; i < settings.samples; ++i) {
        const auto sample = evaluation_sample(*generator, settings.seed, length, i);
        lines += nlohmann::json{{"input", sample.input},
                                {"question", sample.question},
                                {"target", sample.target},
                                {"task", generator->name()},
                                {"length", length_name(length)}}
                     .dump() +
                 "\n";
        ++written;
      }
  io::write_file_atomic(settings.out, lines);
  return written;
}

}  // namespace mnemo::tasks
