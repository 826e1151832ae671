// mnemo memorization train: a GPT-2 fitted to indexed-dataset sequences in order, keeping
// step-NNNNNN/ models.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "cli/support/train_flags.h"
#include "mnemo/train/memorization_training.h"

namespace mnemo::cli {

void add_memorization_train(CLI::App& memorization, Action& action) {
  auto options = std::make_shared<train::MemorizationTrainSettings>();
  auto& settings = options->settings;
  auto* command = memorization.add_subcommand(
      "train", "train a GPT-2 on indexed-dataset sequences in order, keeping step-NNNNNN/ models");
  command->add_option("--data", options->data, "indexed dataset PREFIX (not with --resume)");
  auto* vocab_size = command->add_option("--vocab-size", options->vocab_size,
                                         "vocabulary (default: PREFIX.json from make-data)");
  auto* init = command
                   ->add_option("--init", options->init,
                                "GPT-2 model directory to fine-tune (its geometry is kept)")
                   ->check(CLI::ExistingDirectory);
  init->excludes(vocab_size);
  init->excludes(
      command->add_option("--layers", options->layers, "decoder blocks")->capture_default_str());
  init->excludes(
      command->add_option("--width", options->width, "model width d")->capture_default_str());
  init->excludes(
      command->add_option("--heads", options->heads, "attention heads")->capture_default_str());
  command
      ->add_option("--held-out", options->held_out,
                   "the file's last sequences, never trained on, for validation")
      ->capture_default_str();
  command->add_option("--epochs", options->epochs, "passes over the training sequences")
      ->capture_default_str();
  command
      ->add_option("--checkpoints", options->checkpoints,
                   "models kept at evenly spaced steps, the last being the final model")
      ->capture_default_str();
  flags::batch(*command, settings.batch_size, "sequences per step");
  command->add_option("--lr", settings.learning_rate, "peak learning rate (AdamW)")
      ->capture_default_str();
  command->add_option("--weight-decay", settings.weight_decay, "AdamW weight decay")
      ->capture_default_str();
  command->add_option("--warmup", settings.warmup_fraction, "warmup fraction of the steps")
      ->capture_default_str();
  command->add_option("--validate-every", settings.validate_every, "steps between validations")
      ->capture_default_str();
  flags::seed(*command, settings.seed, "seed of the initialisation");
  flags::out(*command, options->out, "run directory");
  flags::resume(*command, options->resume);
  command->callback([options, &action] {
    if (!options->resume && options->data.empty())
      throw CLI::ValidationError("--data", "give the training sequences (or --resume)");
    action = [options] {
      ProgressLine line;
      const auto result = train::train_memorization_model(*options, line.progress());
      line.finish();
      print_stage_table(result.state);
      std::cout << "final model: " << result.final_model.string() << " (" << result.training_tokens
                << " training tokens)\n";
    };
  });
}

}  // namespace mnemo::cli
