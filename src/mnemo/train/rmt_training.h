// `rmt train`: curriculum training of an encoder RMT on a synthetic or bAbI task, new or
// resumed. The run directory is the Trainer's (trainer.h); run.json also records the task,
// the noise files, --init and the geometry, so that --resume needs only the directory.
#pragma once
#include <filesystem>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/rmt/warm_start.h"
#include "mnemo/tasks/task_choice.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

struct RmtTrainSettings {
  tasks::TaskChoice task;  // unset parts: memorize, at the start
  rmt::ModelStart start;
  std::string curriculum = "1,2,3";  // segments of each stage, as parse_counts reads them
  // Everything else of the schedule; its curriculum comes from `curriculum`.
  TrainSettings settings;
  std::string out;      // run directory
  bool resume = false;  // continue `out` with its own settings; the rest is not read
};

struct RmtTrainResult {
  TrainState state;
  std::filesystem::path model;  // the final model: out/model
};

RmtTrainResult train_rmt(const RmtTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
