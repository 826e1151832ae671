// Curriculum training on the command line: the flags of train::CurriculumRun and what a
// finished run prints, shared by the training commands.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "mnemo/train/curriculum_run.h"

namespace mnemo::cli::flags {

// --curriculum (into `curriculum`, parsed later with parse_counts), --steps, --batch,
// --micro-batch, --lr, --weight-decay, --warmup, --clip, --validate-every,
// --validation-samples, --checkpoint-every, --target-acc, --full-budget, --bptt-depth,
// --keep-every, --bptt, --seed, --out (described by `out`) and --resume.
void curriculum_run(CLI::App& command, train::CurriculumRun& run, const std::string& out);

}  // namespace mnemo::cli::flags

namespace mnemo::cli {

// The stages of a finished run as a Markdown table on stdout.
void print_stage_table(const train::TrainState& state);

// The stage table, then "model: DIR".
void print_trained(const train::TrainedModel& trained);

}  // namespace mnemo::cli
