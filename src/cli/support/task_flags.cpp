#include "cli/support/task_flags.h"

namespace mnemo::cli::flags {

void task(CLI::App& command, tasks::TaskChoice& choice) {
  command.add_option("--task", choice.task, "memorize, detect, reasoning or babi");
  command.add_option("--position", choice.position,
                     "where facts go: segment (start of a random segment) or sentence (any "
                     "sentence boundary); default: start for memorize, segment for detect and "
                     "reasoning, sentence for bAbI");
  command
      .add_option("--babi", choice.babi_file,
                  "bAbI file (qa1..qa20 format): its facts and questions")
      ->check(CLI::ExistingFile);
  command.add_flag("--babi-story", choice.babi_story,
                   "with --babi: hide the whole story, not only the supporting facts");
  command.add_option("--noise", choice.noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
}

}  // namespace mnemo::cli::flags
