// Curriculum training on the command line: the flags of train::TrainSettings and the table
// a finished run prints, shared by every training command.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::cli::flags {

// --curriculum (into `curriculum`, parsed later with parse_counts), --steps, --batch,
// --micro-batch, --lr, --weight-decay, --warmup, --clip, --validate-every,
// --validation-samples, --checkpoint-every, --target-acc, --full-budget, --bptt-depth,
// --keep-every, --bptt and --seed.
void train_settings(CLI::App& command, train::TrainSettings& settings, std::string& curriculum);

}  // namespace mnemo::cli::flags

namespace mnemo::cli {

// The stages of a finished run as a Markdown table on stdout.
void print_stage_table(const train::TrainState& state);

}  // namespace mnemo::cli
