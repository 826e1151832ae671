#include "cli/beb/beb_flags.h"

namespace mnemo::cli::flags {

void beb_scorer(CLI::App& command, beb::ScorerChoice& scorer) {
  std::string names;
  for (const auto& name : beb::scorer_names()) names += (names.empty() ? "" : ", ") + name;
  command.add_option("--scorer", scorer.name, "behavior scorer: " + names)->capture_default_str();
  command.add_option("--lexicon", scorer.files.lexicon, "AFINN lexicon (term<TAB>rating)")
      ->capture_default_str();
  command
      .add_option("--scorer-model", scorer.files.learned_model,
                  "the learned scorer's directory (beb train-scorer)")
      ->check(CLI::ExistingDirectory);
}

void beb_model(CLI::App& command, beb::ModelChoice& choice) {
  auto* dir = command.add_option("--model", choice.dir, "GPT-2 model directory with tokenizer")
                  ->check(CLI::ExistingDirectory);
  auto* mixture = command.add_option(
      "--mixture", choice.mixture,
      "ALPHA:NEG_DIR,POS_DIR: the exact mixture alpha P- + (1 - alpha) P+ instead of --model");
  dir->excludes(mixture);
}

void beb_components(CLI::App& command, std::string& positive, std::string& negative) {
  command.add_option("--positive", positive, "P+: the well-behaved component's GPT-2 directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  command.add_option("--negative", negative, "P-: the ill-behaved component's GPT-2 directory")
      ->required()
      ->check(CLI::ExistingDirectory);
}

void beb_sentence_length(CLI::App& command, int64_t& max_sentence_tokens) {
  command
      .add_option("--max-sentence-tokens", max_sentence_tokens,
                  "the longest sentence sampled or scored, in tokens")
      ->capture_default_str();
}

}  // namespace mnemo::cli::flags
