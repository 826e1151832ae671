#include "cli/train_options.h"

#include <iostream>

#include "cli/positive.h"
#include "cli/progress_line.h"

namespace mnemo::cli {
namespace {

std::string stage_line(const train::TrainProgress& p) {
  char text[256];
  std::snprintf(text, sizeof text, "stage %zu/%zu (%ld seg) step %ld/%ld loss %.4f", p.stage + 1,
                p.stages, static_cast<long>(p.segments), static_cast<long>(p.step),
                static_cast<long>(p.stage_steps), p.loss);
  std::string line = progress_bar(p.step, p.stage_steps) + " " + text;
  if (p.accuracy >= 0) {
    std::snprintf(text, sizeof text, " val %.1f%% best %.1f%%", 100 * p.accuracy,
                  100 * p.best_accuracy);
    line += text;
  }
  return line + " eta<=" + format_duration(p.seconds_per_step * (p.stage_steps - p.step));
}

}  // namespace

void add_train_settings_options(CLI::App& command, train::TrainSettings& settings,
                                std::string& curriculum) {
  command.add_option("--curriculum", curriculum, "segments of each stage, e.g. 1,2,3,5")
      ->capture_default_str();
  command.add_option("--steps", settings.steps_per_stage, "step budget of each stage")
      ->capture_default_str();
  command.add_option("--batch", settings.batch_size, "samples per optimizer step")
      ->capture_default_str();
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
  command
      .add_option("--target-acc", settings.target_accuracy,
                  "validation accuracy that ends a stage (above 1: every stage spends its budget)")
      ->capture_default_str()
      ->check(positive());
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
  command.add_option("--seed", settings.seed, "seed of samples, dropout and initialisation")
      ->capture_default_str();
}

void start_or_resume(train::Trainer& trainer, bool resume, const nlohmann::json& about,
                     const std::filesystem::path& run_dir) {
  if (!resume) {
    trainer.start(about);
    return;
  }
  trainer.resume();
  std::cerr << "resuming " << run_dir.string() << " at stage " << trainer.state().stage + 1
            << ", step " << trainer.state().step << "\n";
}

train::TrainState run_with_progress(train::Trainer& trainer) {
  ProgressLine line;
  const auto state = trainer.run([&](const train::TrainProgress& p) {
    const bool stage_done = p.event == train::TrainProgress::Event::stage_done;
    line.update(stage_line(p), p.event != train::TrainProgress::Event::step);
    if (stage_done) line.finish();
  });
  std::cout << "| stage | segments | steps | best validation accuracy | at step | time so far |\n"
               "|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& stage : state.stages) {
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%.1f%%", 100 * stage["best_accuracy"].get<double>());
    std::cout << "| " << stage["stage"] << " | " << stage["segments"] << " | " << stage["steps"]
              << " | " << accuracy << " | " << stage["best_step"] << " | "
              << format_duration(stage["seconds"].get<double>()) << " |\n";
  }
  return state;
}

}  // namespace mnemo::cli
