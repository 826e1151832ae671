// mnemo babilong: question answering over long inputs (BABILong) with a decoder RMT on GPT-2.
#include "cli/command.h"

namespace mnemo::cli {

void add_babilong_command(CLI::App& app, Action& action) {
  auto* babilong = app.add_subcommand(
      "babilong", "question answering over long inputs (BABILong) with a decoder RMT on GPT-2");
  babilong->require_subcommand(1);
  add_babilong_make_command(*babilong, action);
  add_babilong_train_command(*babilong, action);
  add_babilong_eval_command(*babilong, action);
}

}  // namespace mnemo::cli
