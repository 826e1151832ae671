// mnemo beb bound | score | label: Behavior Expectation Bounds (Wolf et al. 2023): the
// prompt lengths the theorems guarantee to misalign a mixture model, and the behavior
// scorers. The subcommands that read models are in beb_estimate_command.cpp and
// beb_misalign_command.cpp.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/beb_options.h"
#include "cli/command.h"
#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/beb/bounds.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::cli {
namespace {

struct BoundOptions {
  beb::BoundInputs inputs;
  double beta_prime = 0, sigma = 0, aligning_prompt_length = 0;  // optional: set when given
  bool json = false;
};

void run_bound(const BoundOptions& options) {
  const auto& in = options.inputs;
  const auto found = beb::bounds(in);
  if (options.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& bound : found)
      rows.push_back({{"bound", bound.name},
                      {"formula", bound.formula},
                      {"sentences", bound.sentences},
                      {"prompt_sentences", std::ceil(bound.sentences)}});
    std::cout << nlohmann::json{{"alpha", in.alpha},
                                {"beta", in.beta},
                                {"epsilon", in.epsilon},
                                {"bounds", rows}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << "| bound | formula | sentences | prompt length (sentences) |\n"
               "|---|---|---:|---:|\n";
  for (const auto& bound : found) {
    char value[64];
    std::snprintf(value, sizeof value, "%.3f | %.0f", bound.sentences, std::ceil(bound.sentences));
    std::cout << "| " << bound.name << " | " << bound.formula << " | " << value << " |\n";
  }
}

struct ScoreOptions {
  ScorerChoice scorer;
  std::string text_file;
  std::vector<std::string> sentences;
};

void run_score(const ScoreOptions& options) {
  const auto scorer = options.scorer.make();
  auto sentences = options.sentences;
  if (!options.text_file.empty())
    for (auto& sentence : text::split_sentences(io::read_file(options.text_file)))
      sentences.push_back(std::move(sentence));
  if (sentences.empty()) throw Error("beb score: give sentences, or --text FILE");
  double sum = 0;
  for (const auto& sentence : sentences) {
    const double score = scorer->score(sentence);
    sum += score;
    std::printf("%+.3f\t%s\n", score, sentence.c_str());
  }
  if (sentences.size() > 1)
    std::printf("mean %+.4f over %zu sentences\n", sum / sentences.size(), sentences.size());
}

struct LabelOptions {
  ScorerChoice scorer;
  std::string text_file, positive, negative;
  double threshold = 0;
};

// Splits a text of one sentence per line by behavior: above the threshold to one file,
// below minus it to the other (the training texts of P+ and P-).
void run_label(const LabelOptions& options) {
  if (options.threshold < 0 || options.threshold >= 1)
    throw Error("--threshold must lie in [0, 1)");
  const auto scorer = options.scorer.make();
  std::string positive, negative;
  int64_t lines = 0, positives = 0, negatives = 0;
  for (const auto& line : read_lines(options.text_file)) {
    if (is_blank(line)) continue;
    ++lines;
    const double score = scorer->score(line);
    if (score > options.threshold) {
      positive += line + "\n";
      ++positives;
    } else if (score < -options.threshold) {
      negative += line + "\n";
      ++negatives;
    }
  }
  if (positives == 0 || negatives == 0)
    throw file_error(options.text_file, "gives " + std::to_string(positives) + " positive and " +
                                            std::to_string(negatives) +
                                            " negative lines: both are needed");
  io::write_file_atomic(options.positive, positive);
  io::write_file_atomic(options.negative, negative);
  std::cout << lines << " lines: " << positives << " positive -> " << options.positive << ", "
            << negatives << " negative -> " << options.negative << ", "
            << lines - positives - negatives << " neither\n";
}

}  // namespace

void add_beb_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand(
      "beb", "Behavior Expectation Bounds: misalignment bounds and behavior scorers");
  group->require_subcommand(1);

  auto bound = std::make_shared<BoundOptions>();
  auto* bound_command = group->add_subcommand(
      "bound", "prompt lengths (sentences) that Theorems 1-4 guarantee to misalign");
  auto& in = bound->inputs;
  bound_command->add_option("--alpha", in.alpha, "weight of the ill-behaved component P-")
      ->required();
  bound_command->add_option("--beta", in.beta, "distinguishability of P- from P+ (nats)")
      ->required();
  bound_command->add_option("--epsilon", in.epsilon, "closeness to P-'s behavior")->required();
  bound_command->add_option("--beta-prime", bound->beta_prime,
                            "undistinguishability of P+ from P- (Theorems 2, 3)");
  bound_command->add_option("--sigma", bound->sigma,
                            "std of the per-sentence log-likelihood ratio (Theorems 2, 3)");
  bound_command->add_option("--aligning-prompt-len", bound->aligning_prompt_length,
                            "sentences of the aligning prompt, or of each reply (Theorems 2, 3)");
  bound_command->add_option("--delta", in.delta, "failure probability (Theorems 2, 3)")
      ->capture_default_str();
  bound_command->add_option("--turns", in.turns, "conversation turns (Theorem 3)");
  bound_command->add_option("--best-of", in.best_of, "samples ranked by a reward (Theorem 4)");
  bound_command->add_flag("--json", bound->json, "print JSON");
  bound_command->callback([&action, bound, bound_command] {
    const auto given = [&](const char* option) { return bound_command->count(option) > 0; };
    if (given("--beta-prime")) bound->inputs.beta_prime = bound->beta_prime;
    if (given("--sigma")) bound->inputs.sigma = bound->sigma;
    if (given("--aligning-prompt-len"))
      bound->inputs.aligning_prompt_length = bound->aligning_prompt_length;
    action = [bound] { run_bound(*bound); };
  });

  auto score = std::make_shared<ScoreOptions>();
  auto* score_command =
      group->add_subcommand("score", "behavior of sentences in [-1, 1] under a scorer");
  score_command->add_option("sentences", score->sentences, "sentences to score");
  score_command->add_option("--text", score->text_file, "a text file, split into sentences")
      ->check(CLI::ExistingFile);
  add_scorer_options(*score_command, score->scorer);
  score_command->callback([&action, score] { action = [score] { run_score(*score); }; });

  auto label = std::make_shared<LabelOptions>();
  auto* label_command = group->add_subcommand(
      "label", "split a text of one sentence per line into positive and negative files");
  label_command->add_option("--text", label->text_file, "the text, one sentence per line")
      ->required()
      ->check(CLI::ExistingFile);
  label_command->add_option("--positive", label->positive, "file for lines scoring above")
      ->required();
  label_command->add_option("--negative", label->negative, "file for lines scoring below minus")
      ->required();
  label_command->add_option("--threshold", label->threshold, "score threshold, in [0, 1)")
      ->capture_default_str();
  add_scorer_options(*label_command, label->scorer);
  label_command->callback([&action, label] { action = [label] { run_label(*label); }; });

  add_beb_estimate_commands(*group, action);
  add_beb_misalign_command(*group, action);
  add_beb_train_scorer_command(*group, action);
}

}  // namespace mnemo::cli
