// mnemo memorization score: k-extractability of training sequences under a model.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/memorization/score_run.h"

namespace mnemo::cli {

void add_memorization_score(CLI::App& memorization, Action& action) {
  auto settings = std::make_shared<memorization::ScoreSettings>();
  auto* command = memorization.add_subcommand(
      "score", "greedy-decode each training sequence's continuation and write index,score CSV");
  flags::model(*command, settings->model,
               "causal LM directory: GPT-2 (mnemo) or GPT-NeoX (Pythia), Hugging Face layout");
  command
      ->add_option("--data", settings->data,
                   "training sequences: Megatron indexed dataset PREFIX (.idx + .bin)")
      ->required();
  command->add_option("--prompt-len", settings->window.prompt_length, "prompt tokens")
      ->capture_default_str();
  command
      ->add_option("--cont-len", settings->window.continuation_length,
                   "tokens decoded and compared")
      ->capture_default_str();
  command->add_option("--indices", settings->indices, "sequences A:B (half-open; default all)");
  flags::batch(*command, settings->batch, "sequences per forward pass");
  command->add_option("--training-tokens", settings->training_tokens,
                      "tokens the model was trained on (for compute: 6 x params x tokens)");
  flags::out(*command, settings->out, "CSV to write; an existing one is resumed");
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto summary = memorization::score_sequences(*settings, line.progress());
    line.finish();
    char text[256];
    std::snprintf(text, sizeof text, ", %.1f sequences/s",
                  static_cast<double>(summary.scored_now) / std::max(summary.seconds, 1e-9));
    std::cout << settings->out << ": " << summary.sequences << " sequences (" << summary.scored_now
              << " scored now" << (summary.scored_now ? text : "") << "), ";
    std::snprintf(text, sizeof text, "%ld memorized (%.2f%%), mean score %.4f",
                  static_cast<long>(summary.memorized),
                  100.0 * static_cast<double>(summary.memorized) /
                      static_cast<double>(std::max<int64_t>(summary.sequences, 1)),
                  summary.mean_score);
    std::cout << text << "\n";
  });
}

}  // namespace mnemo::cli
