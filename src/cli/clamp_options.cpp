#include "cli/clamp_options.h"

#include <iostream>

#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/core/error.h"

namespace mnemo::cli {

const clamp::ClampTokenizer& ClampForUse::tokenizer() const {
  if (!tokenizer_or_null)
    throw Error(model_dir +
                ": no text tokenizer (vocab.json + merges.txt) here; give --tokenizer DIR (for "
                "the official checkpoints, distilroberta-base's tokenizer files)");
  return *tokenizer_or_null;
}

void ClampModelOptions::add_to(CLI::App& command) {
  command.add_option("--model", model, "CLaMP model directory (mnemo's or the official layout)")
      ->required()
      ->check(CLI::ExistingDirectory);
  command
      .add_option("--tokenizer", tokenizer,
                  "directory with the text tokenizer's vocab.json + merges.txt (default: --model)")
      ->check(CLI::ExistingDirectory);
}

ClampForUse ClampModelOptions::load() const {
  auto loaded = clamp::load_clamp(model);
  if (!loaded.report.unexpected.empty()) std::cerr << loaded.report.summary();
  ClampForUse use;
  use.model = loaded.model;
  use.model_dir = model;
  const std::string directory = tokenizer.empty() ? model : tokenizer;
  if (std::filesystem::exists(std::filesystem::path(directory) / "vocab.json")) {
    use.tokenizer_dir = directory;
    use.tokenizer_or_null =
        std::make_shared<clamp::ClampTokenizer>(directory, use.model->config().max_text_tokens);
    if (use.tokenizer_or_null->vocab_size() > use.model->config().text.vocab_size)
      throw Error(directory + ": the tokenizer has " +
                  std::to_string(use.tokenizer_or_null->vocab_size()) +
                  " tokens, more than the text encoder's " +
                  std::to_string(use.model->config().text.vocab_size));
  } else if (!tokenizer.empty()) {
    throw file_error(tokenizer, "has no vocab.json");
  }
  return use;
}

}  // namespace mnemo::cli
