// Curriculum training on the command line, shared by `rmt train` and `babilong train`.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "mnemo/train/trainer.h"

namespace mnemo::cli {

// --curriculum (into `curriculum`, parsed later with parse_counts), --steps, --batch,
// --micro-batch, --lr, --weight-decay, --warmup, --clip, --validate-every,
// --validation-samples, --checkpoint-every, --target-acc, --bptt-depth, --bptt and --seed.
void add_train_settings_options(CLI::App& command, train::TrainSettings& settings,
                                std::string& curriculum);

// Starts the run in `run_dir` (writing run.json with `about`) or resumes it from its last
// checkpoint, saying so.
void start_or_resume(train::Trainer& trainer, bool resume, const nlohmann::json& about,
                     const std::filesystem::path& run_dir);

// Runs the trainer with a progress line on stderr, then prints the stages as a Markdown table.
train::TrainState run_with_progress(train::Trainer& trainer);

}  // namespace mnemo::cli
