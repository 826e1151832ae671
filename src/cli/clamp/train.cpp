// mnemo clamp train: contrastive training of a CLaMP model from scratch on music-text pairs
// (WikiMT-format JSON, or generated tunes), with resume and the best model by validation
// retrieval. Without --tokenizer, a byte-level BPE vocabulary is learnt from the training
// texts first.
#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_train(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<train::ClampTrainSettings>();
  auto* command = clamp.add_subcommand(
      "train", "contrastive training of a CLaMP model from scratch on music-text pairs");
  flags::clamp_run(*command, *settings);
  command
      ->add_option("--tokenizer", settings->tokenizer,
                   "byte-level BPE directory with <s> <pad> </s> (default: learnt here)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--vocab-size", settings->vocab_size, "size of the vocabulary learnt here")
      ->capture_default_str();
  command
      ->add_option("--init-m3", settings->init_m3,
                   "start the music encoder from an M3 model (clamp pretrain-m3)")
      ->check(CLI::ExistingDirectory);
  command->add_flag_callback(
      "--no-text-dropout", [settings] { settings->text_dropout = false; },
      "train on each piece's full text instead of a random subset of its texts");
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto result = train::train_clamp(*settings, line.progress());
    line.finish();
    print_clamp_run(result);
  });
}

}  // namespace mnemo::cli
