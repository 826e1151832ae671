// The `init` subcommand of `mnemo bert` and `mnemo gpt2`: a randomly initialised model
// directory of a named geometry.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/support/flags.h"
#include "mnemo/nn/model_init.h"

namespace mnemo::cli {

// Adds `init` to `group` with --config (one of `geometries`, the first the default),
// --tokenizer, --out and --seed; when chosen, `init` writes the model and its line is printed.
void add_init(CLI::App& group, Action& action, const std::string& description,
              const std::vector<std::string>& geometries,
              nn::InitializedModel (*init)(const nn::ModelInitSettings&));

}  // namespace mnemo::cli
