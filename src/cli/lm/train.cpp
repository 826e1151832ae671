// mnemo lm train: language modelling on text files with a decoder RMT on GPT-2; the model
// kept every N steps as its own directory (Pythia style).
#include <iostream>

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
  flags::train_settings(*command, settings->settings, settings->curriculum);
  flags::out(*command, settings->out, "run directory (checkpoints, log, step-*/, model/)");
  flags::resume(*command, settings->resume);
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto result = train::train_language_model(*settings, line.progress());
    line.finish();
    print_stage_table(result.state);
    std::cout << "model: " << result.model.string() << "\n";
  });
}

}  // namespace mnemo::cli
