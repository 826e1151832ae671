// `rmt train`: curriculum training of an encoder RMT on a synthetic or bAbI task, new or
// resumed. The run directory is the Trainer's (trainer.h); run.json also records the task,
// the noise files, --init and the geometry, so that --resume needs only the directory.
#pragma once
#include "mnemo/core/progress.h"
#include "mnemo/rmt/warm_start.h"
#include "mnemo/tasks/task_choice.h"
#include "mnemo/train/curriculum_run.h"

namespace mnemo::train {

struct RmtTrainSettings : CurriculumRun {
  RmtTrainSettings() : CurriculumRun("1,2,3") {}

  tasks::TaskChoice task;  // unset parts: memorize, at the start
  rmt::ModelStart start;
};

// The final model is out/model.
TrainedModel train_rmt(const RmtTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
