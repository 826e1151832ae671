// Opening a decoder RMT training run, new or resumed: what `lm train` and `babilong train`
// share before their learners take over.
#pragma once
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/train/decoder_start.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

// What a decoder RMT training run starts with.
struct DecoderRun {
  rmt::DecoderRmtModel model;
  TrainSettings settings;
  nlohmann::json about;  // for run.json
};

// The run in `run_dir`: read back from it with `resume` (its settings and about from run.json,
// the model from its last checkpoint); else a new model as `start` asks, seeded by `settings`,
// described in `about` by where it came from and by `inputs()` (the files the run reads, which
// rmt.json's task keeps too). Called only for a new run, `inputs` may refuse bad options;
// `command` names the command in errors. Notes weights an --init directory is missing.
DecoderRun open_decoder_run(const std::string& command, const DecoderStart& start,
                            const std::filesystem::path& run_dir, bool resume,
                            const TrainSettings& settings,
                            const std::function<nlohmann::json()>& inputs,
                            const Progress& progress = {});

}  // namespace mnemo::train
