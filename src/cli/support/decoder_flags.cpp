#include "cli/support/decoder_flags.h"

namespace mnemo::cli::flags {

void decoder_start(CLI::App& command, train::DecoderStart& start) {
  command
      .add_option("--config", start.geometry, "GPT-2 geometry for a new model: tiny, small, gpt2")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "gpt2"}));
  command.add_option("--tokenizer", start.tokenizer, "tokenizer directory for a new model")
      ->check(CLI::ExistingDirectory);
  command.add_option("--init", start.init, "start from a Hugging Face GPT-2 directory")
      ->check(CLI::ExistingDirectory);
  command.add_option("--memory", start.memory_size, "memory tokens")->capture_default_str();
  command.add_option("--segment-size", start.segment_size, "tokens per segment")
      ->capture_default_str();
}

}  // namespace mnemo::cli::flags
