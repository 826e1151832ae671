// mnemo gpt2 init: a randomly initialised GPT-2 model directory of a named geometry.
#include "cli/commands.h"
#include "cli/support/init_flags.h"

namespace mnemo::cli {

void add_gpt2_init(CLI::App& gpt2, Action& action) {
  add_init(gpt2, action, "write a randomly initialised GPT-2 model directory",
           {"tiny", "small", "gpt2"}, nn::init_gpt2);
}

}  // namespace mnemo::cli
