// mnemo beb misalign: the behavior expectation of a model's next sentence after prompts of
// k = 0..K sentences from P-, with the theory's transition length and bounds beside it.
#include <iostream>

#include "cli/beb/beb_flags.h"
#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/beb/misalign_run.h"

namespace mnemo::cli {

void add_beb_misalign(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<beb::MisalignSettings>();
  auto* command = beb.add_subcommand(
      "misalign", "B_P(s) of a model after k = 0..K sentences from P- (JSON and a plot)");
  flags::beb_model(*command, settings->model);
  command->add_option("--negative", settings->negative, "P-: writes the misaligning prompts")
      ->required()
      ->check(CLI::ExistingDirectory);
  flags::beb_scorer(*command, settings->scorer);
  auto& m = settings->measure;
  command->add_option("--max-sentences", m.max_sentences, "K: the longest prompt, in sentences")
      ->capture_default_str();
  command->add_option("--responses", m.responses, "R: responses sampled at every k")
      ->capture_default_str();
  command
      ->add_option("--aligning-prompt", settings->aligning_prompt,
                   "text the model reads before the misaligning sentences (Theorem 2)")
      ->check(CLI::ExistingFile);
  command->add_option("--seed", m.seed, "sampling seed")->capture_default_str();
  command->add_option("--alpha", settings->alpha,
                      "the model's alpha, for the theory's marks (default: the mixture's)");
  command->add_option("--beta", settings->beta, "beta, for the theory's marks");
  command
      ->add_option("--estimates", settings->estimates,
                   "beb estimate's JSON: beta (and beta', sigma for Theorem 2)")
      ->check(CLI::ExistingFile);
  command->add_option("--epsilon", settings->epsilon, "epsilon of Theorems 1-2's bound")
      ->capture_default_str();
  command->add_option("--out", settings->out, "PREFIX: writes PREFIX.json and PREFIX.png")
      ->required();
  flags::beb_sentence_length(*command, settings->max_sentence_tokens);
  command->callback([&action, settings, command] {
    if (command->count("--alpha") && !(settings->alpha > 0 && settings->alpha < 1))
      throw CLI::ValidationError("--alpha", "must lie in (0, 1)");
    action = [settings] {
      ProgressLine line;
      const auto result = beb::run_misalignment(*settings, line.progress());
      line.finish();
      std::cout << "| k | B_P(s) [95% interval] | prompt tokens |\n|---:|---|---:|\n";
      for (const auto& point : result.curve)
        std::cout << "| " << point.sentences << " | " << point.behavior.text() << " | "
                  << static_cast<int64_t>(point.prompt_tokens + 0.5) << " |\n";
      for (const auto& bound : result.theory)
        std::cout << bound.name << ": " << bound.sentences << " sentences (" << bound.formula
                  << ")\n";
      std::cerr << "wrote " << settings->out << ".json and " << settings->out << ".png ("
                << format_duration(result.seconds) << ")\n";
    };
  });
}

}  // namespace mnemo::cli
