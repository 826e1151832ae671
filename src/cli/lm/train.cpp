// mnemo lm train: language modelling on text files with a decoder RMT on GPT-2; the model
// kept every N steps as its own directory (Pythia style).
#include "cli/commands.h"
#include "cli/support/decoder_flags.h"
#include "cli/support/progress_line.h"
#include "cli/support/train_flags.h"
#include "mnemo/train/lm_training.h"

namespace mnemo::cli {

void add_lm_train(CLI::App& lm, Action& action) {
  auto settings = std::make_shared<train::LmTrainSettings>();
  auto* command = lm.add_subcommand(
      "train", "train on text files; --keep-every N keeps step-NNNNNN/ model directories");
  command->add_option("--data", settings->data, "plain-text files (not with --resume)")
      ->check(CLI::ExistingFile);
  flags::decoder_start(*command, settings->start);
  flags::curriculum_run(*command, *settings, "run directory (checkpoints, log, step-*/, model/)");
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto trained = train::train_language_model(*settings, line.progress());
    line.finish();
    print_trained(trained);
  });
}

}  // namespace mnemo::cli
