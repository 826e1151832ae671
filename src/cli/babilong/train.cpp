// mnemo babilong train: curriculum training of a decoder RMT on BABILong-style samples,
// with resume.
#include "cli/commands.h"
#include "cli/support/decoder_flags.h"
#include "cli/support/progress_line.h"
#include "cli/support/train_flags.h"
#include "mnemo/train/babilong_training.h"

namespace mnemo::cli {

void add_babilong_train(CLI::App& babilong, Action& action) {
  auto settings = std::make_shared<train::BabilongTrainSettings>();
  auto* command = babilong.add_subcommand(
      "train", "curriculum training of a decoder RMT on BABILong-style samples");
  command->add_option("--babi", settings->babi, "bAbI files, one per task (qa1, qa2, ...)")
      ->check(CLI::ExistingFile);
  command->add_option("--noise", settings->noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
  flags::decoder_start(*command, settings->start);
  flags::curriculum_run(*command, *settings,
                        "run directory (checkpoints, log, stage models, model/)");
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto trained = train::train_babilong(*settings, line.progress());
    line.finish();
    print_trained(trained);
  });
}

}  // namespace mnemo::cli
