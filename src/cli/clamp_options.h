// The CLaMP model a `mnemo clamp` command uses: --model DIR and, where the directory holds no
// tokenizer (the official checkpoints), --tokenizer DIR.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/clamp_model.h"

namespace mnemo::cli {

struct ClampForUse {
  clamp::ClampModel model{nullptr};
  std::string model_dir;
  std::string tokenizer_dir;  // empty when there is none
  std::shared_ptr<const clamp::ClampTokenizer> tokenizer_or_null;

  // The tokenizer; an error saying what to pass when there is none.
  const clamp::ClampTokenizer& tokenizer() const;
  clamp::PatchOptions patching() const { return {model->config().max_patches, true}; }
};

struct ClampModelOptions {
  std::string model;
  std::string tokenizer;

  void add_to(CLI::App& command);
  // Loads the model (eval mode) and, when there is one, the tokenizer; unexpected weights
  // are reported on stderr.
  ClampForUse load() const;
};

}  // namespace mnemo::cli
