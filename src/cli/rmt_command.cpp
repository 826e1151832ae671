// mnemo rmt: the Recurrent Memory Transformer's subcommands.
#include "cli/command.h"

namespace mnemo::cli {

void add_rmt_command(CLI::App& app, Action& action) {
  auto* rmt =
      app.add_subcommand("rmt", "Recurrent Memory Transformer: train, evaluate, run, measure");
  rmt->require_subcommand(1);
  add_rmt_train_command(*rmt, action);
  add_rmt_eval_command(*rmt, action);
  add_rmt_run_command(*rmt, action);
  add_rmt_plot_command(*rmt, action);
  add_rmt_bench_command(*rmt, action);
  add_rmt_flops_command(*rmt, action);
  add_rmt_attention_command(*rmt, action);
}

}  // namespace mnemo::cli
