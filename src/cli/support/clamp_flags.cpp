#include "cli/support/clamp_flags.h"

#include "cli/support/flags.h"
#include "cli/support/train_flags.h"

namespace mnemo::cli::flags {

void clamp_model(CLI::App& command, clamp::ModelChoice& choice) {
  model(command, choice.model, "CLaMP model directory (mnemo's or the official layout)");
  command
      .add_option("--tokenizer", choice.tokenizer,
                  "directory with the text tokenizer's vocab.json + merges.txt (default: --model)")
      ->check(CLI::ExistingDirectory);
}

void clamp_run(CLI::App& command, train::ClampRunSettings& run) {
  command
      .add_option("--data", run.data, "WikiMT-format JSON: [{title, artist, genre, music, text}]")
      ->check(CLI::ExistingFile);
  command.add_option("--synthetic", run.synthetic, "use N generated tunes instead");
  command.add_option("--config", run.config, "geometry: tiny or small")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small"}));
  command.add_option("--max-patches", run.max_patches, "patches per piece (bars + headers)")
      ->capture_default_str();
  // A run is one stage: the curriculum flag is declared and removed with the others unused.
  curriculum_run(command, run, "run directory (checkpoints, log, model/)");
  for (const char* unused : {"--curriculum", "--bptt", "--bptt-depth", "--validation-samples"})
    command.remove_option(command.get_option(unused));
}

}  // namespace mnemo::cli::flags
