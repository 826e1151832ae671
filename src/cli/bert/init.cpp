// mnemo bert init: a randomly initialised BERT model directory of a named geometry.
#include "cli/commands.h"
#include "cli/support/init_flags.h"

namespace mnemo::cli {

void add_bert_init(CLI::App& bert, Action& action) {
  add_init(bert, action, "write a randomly initialised BERT model directory",
           {"small", "tiny", "base"}, nn::init_bert);
}

}  // namespace mnemo::cli
