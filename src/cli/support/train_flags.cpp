#include "cli/support/train_flags.h"

#include <cstdio>
#include <iostream>

#include "cli/support/flags.h"

namespace mnemo::cli {
namespace flags {

void curriculum_run(CLI::App& command, train::CurriculumRun& run, const std::string& out) {
  auto& settings = run.settings;
  command.add_option("--curriculum", run.curriculum, "segments of each stage, e.g. 1,2,3,5")
      ->capture_default_str();
  command.add_option("--steps", settings.steps_per_stage, "step budget of each stage")
      ->capture_default_str();
  batch(command, settings.batch_size, "samples per optimizer step");
  command.add_option("--micro-batch", settings.micro_batch,
                     "samples per forward pass (gradient accumulation); default: --batch");
  command.add_option("--lr", settings.learning_rate, "peak learning rate (AdamW)")
      ->capture_default_str();
  command.add_option("--weight-decay", settings.weight_decay, "AdamW weight decay")
      ->capture_default_str();
  command
      .add_option("--warmup", settings.warmup_fraction,
                  "warmup, as a fraction of each stage's budget")
      ->capture_default_str();
  command.add_option("--clip", settings.clip_value, "gradient value clip (0 = off)")
      ->capture_default_str();
  command.add_option("--validate-every", settings.validate_every, "steps between validations")
      ->capture_default_str();
  command
      .add_option("--validation-samples", settings.validation_samples, "fixed validation set size")
      ->capture_default_str();
  command.add_option("--checkpoint-every", settings.checkpoint_every,
                     "steps between checkpoints (default: at each validation)");
  auto* target = command
                     .add_option("--target-acc", settings.target_accuracy,
                                 "validation accuracy that ends a stage early, in (0, 1]")
                     ->capture_default_str()
                     ->check(fraction());
  command
      .add_flag_callback(
          "--full-budget", [&settings] { settings.stop_at_target = false; },
          "every stage spends its whole step budget (no early stop)")
      ->excludes(target);
  command
      .add_option("--bptt-depth", settings.bptt_depth,
                  "backpropagate through the last K segments only (0 = all)")
      ->capture_default_str();
  command.add_option("--keep-every", settings.keep_every,
                     "keep the model every N steps as step-NNNNNN/ (0 = none)");
  command
      .add_option("--bptt", settings.bptt,
                  "full: one graph over all segments; recompute: re-run each segment during "
                  "the backward pass (activation memory of one segment)")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "recompute"}));
  seed(command, settings.seed, "seed of samples, dropout and initialisation");
  flags::out(command, run.out, out);
  resume(command, run.resume);
}

}  // namespace flags

void print_stage_table(const train::TrainState& state) {
  std::cout << "| stage | segments | steps | best validation accuracy | at step | time so far |\n"
               "|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& stage : state.stages) {
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%.1f%%", 100 * stage["best_accuracy"].get<double>());
    std::cout << "| " << stage["stage"] << " | " << stage["segments"] << " | " << stage["steps"]
              << " | " << accuracy << " | " << stage["best_step"] << " | "
              << format_duration(stage["seconds"].get<double>()) << " |\n";
  }
}

void print_trained(const train::TrainedModel& trained) {
  print_stage_table(trained.state);
  std::cout << "model: " << trained.model.string() << "\n";
}

}  // namespace mnemo::cli
