#include "cli/beb_options.h"

#include <cstdio>
#include <fstream>

#include "mnemo/core/error.h"

namespace mnemo::cli {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

void add_scorer_options(CLI::App& command, ScorerChoice& scorer) {
  command.add_option("--scorer", scorer.name, "behavior scorer: " + joined(beb::scorer_names()))
      ->capture_default_str();
  command.add_option("--lexicon", scorer.files.lexicon, "AFINN lexicon (term<TAB>rating)")
      ->capture_default_str();
  command
      .add_option("--scorer-model", scorer.files.learned_model,
                  "the learned scorer's directory (beb train-scorer)")
      ->check(CLI::ExistingDirectory);
}

void add_model_options(CLI::App& command, ModelChoice& choice) {
  auto* dir = command.add_option("--model", choice.dir, "GPT-2 model directory with tokenizer")
                  ->check(CLI::ExistingDirectory);
  auto* mixture = command.add_option(
      "--mixture", choice.mixture,
      "ALPHA:NEG_DIR,POS_DIR: the exact mixture alpha P- + (1 - alpha) P+ instead of --model");
  dir->excludes(mixture);
}

ChosenModel load_chosen_model(const ModelChoice& choice, int64_t max_sentence_tokens) {
  if (choice.dir.empty() == choice.mixture.empty())
    throw Error("give the model as --model DIR or --mixture ALPHA:NEG_DIR,POS_DIR");
  ChosenModel chosen;
  if (!choice.dir.empty()) {
    chosen.gpt2 = std::make_shared<beb::Gpt2SentenceModel>(choice.dir, max_sentence_tokens);
    chosen.model = chosen.gpt2;
    return chosen;
  }
  const auto spec = beb::parse_mixture(choice.mixture);
  chosen.gpt2 = std::make_shared<beb::Gpt2SentenceModel>(spec.negative, max_sentence_tokens);
  chosen.model = std::make_shared<beb::MixtureSentenceModel>(
      spec.alpha, chosen.gpt2,
      std::make_shared<beb::Gpt2SentenceModel>(spec.positive, max_sentence_tokens));
  chosen.alpha = spec.alpha;
  return chosen;
}

void add_sentence_length_option(CLI::App& command, int64_t& max_sentence_tokens) {
  command
      .add_option("--max-sentence-tokens", max_sentence_tokens,
                  "the longest sentence sampled or scored, in tokens")
      ->capture_default_str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw file_error(path, "cannot be read");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::function<void(int64_t, int64_t)> progress_of(ProgressLine& line, const std::string& what) {
  return [&line, what](int64_t done, int64_t total) {
    line.update(what + " " + progress_bar(double(done), double(total)) + " " +
                    std::to_string(done) + "/" + std::to_string(total),
                done == total);
  };
}

nlohmann::json estimate_json(const beb::Estimate& estimate) {
  return {{"value", estimate.value},
          {"low", estimate.low},
          {"high", estimate.high},
          {"samples", estimate.samples}};
}

std::string estimate_text(const beb::Estimate& estimate) {
  char text[96];
  std::snprintf(text, sizeof text, "%.4g [%.4g, %.4g]", estimate.value, estimate.low,
                estimate.high);
  return text;
}

}  // namespace mnemo::cli
