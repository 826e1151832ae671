// mnemo rmt train: curriculum training of an encoder RMT on a task, with resume.
#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "cli/support/task_flags.h"
#include "cli/support/train_flags.h"
#include "mnemo/train/rmt_training.h"

namespace mnemo::cli {

void add_rmt_train(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<train::RmtTrainSettings>();
  auto loss = std::make_shared<std::string>("last");
  auto& start = options->start;
  auto& s = options->settings;
  auto* command = rmt.add_subcommand("train", "curriculum training on a synthetic or bAbI task");
  flags::task(*command, options->task);
  flags::bert_geometry(*command, start.geometry,
                       "backbone geometry for a new model: tiny, small, base");
  command->add_option("--tokenizer", start.tokenizer, "tokenizer directory for a new backbone")
      ->check(CLI::ExistingDirectory);
  command
      ->add_option("--init", start.init,
                   "start from a Hugging Face BERT directory (e.g. from `mnemo bert pretrain`) or "
                   "an RMT model directory (its memory and head too when the answers are the same)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--memory", start.memory_size, "memory tokens")->capture_default_str();
  command->add_option("--segment-size", start.segment_size,
                      "BERT input per segment (default: 64 tiny, 128 small, 512 base)");
  flags::curriculum_run(*command, *options,
                        "run directory (checkpoints, log, stage models, model/)");
  command->add_option("--loss", *loss, "last: loss on the last segment; all: sum over segments")
      ->capture_default_str()
      ->check(CLI::IsMember({"last", "all"}));
  command->add_flag("--mixed-lengths", s.mixed_lengths,
                    "a stage of n segments trains on samples of 1..n segments");
  on_chosen(*command, action, [options, loss] {
    options->settings.loss_all_segments = *loss == "all";
    ProgressLine line;
    const auto trained = train::train_rmt(*options, line.progress());
    line.finish();
    print_trained(trained);
  });
}

}  // namespace mnemo::cli
