// Flags of the `mnemo clamp` commands that several of them take.
#pragma once
#include <CLI/CLI.hpp>

#include "mnemo/clamp/pipeline.h"
#include "mnemo/train/clamp_training.h"

namespace mnemo::cli::flags {

// --model DIR (required) and --tokenizer DIR: embed, search, classify and eval.
void clamp_model(CLI::App& command, clamp::ModelChoice& choice);

// --data / --synthetic, --config, --max-patches, the train settings of one stage (no
// --curriculum, --bptt, --bptt-depth or --validation-samples), --out and --resume: train and
// pretrain-m3.
void clamp_run(CLI::App& command, train::ClampRunSettings& run);

}  // namespace mnemo::cli::flags
