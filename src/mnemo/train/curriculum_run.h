// What every curriculum-training command (rmt, lm and babilong train) is given beside what it
// trains, and what a training run returns. Free of torch so that commands can include it.
#pragma once
#include <filesystem>
#include <string>
#include <utility>

#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

// The schedule and the run directory; each command's settings derive from it and add their
// task, data and model start.
struct CurriculumRun {
  explicit CurriculumRun(std::string curriculum, TrainSettings settings = {})
      : curriculum(std::move(curriculum)), settings(std::move(settings)) {}

  std::string curriculum;  // segments of each stage, as parse_counts reads them
  // Everything else of the schedule; its curriculum comes from `curriculum`.
  TrainSettings settings;
  std::string out;      // run directory
  bool resume = false;  // continue `out` with its own settings; the rest is not read

  // `settings` with the curriculum parsed from `curriculum` (an error names --curriculum).
  TrainSettings schedule() const;
};

// A training run that ended (finished, or stopped by a signal): where it stands and the model
// it leaves.
struct TrainedModel {
  TrainState state;
  std::filesystem::path model;
};

}  // namespace mnemo::train
