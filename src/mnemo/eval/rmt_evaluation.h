// `rmt eval`: the accuracy of encoder RMTs against input length, one row per model and
// segment count, on a fixed set of generated samples of their own task (or another).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/eval/report.h"
#include "mnemo/tasks/task_choice.h"

namespace mnemo::eval {

// The title of its plots (`rmt eval --plot`, `rmt plot`).
constexpr char kRmtAccuracyTitle[] = "RMT accuracy against input length";

struct RmtEvalSettings {
  std::vector<std::string> models;  // model or training run directories
  tasks::TaskChoice task;           // unset parts: each model's own task
  std::string segments = "1-16";    // segment counts, as parse_counts reads them
  int64_t samples = 100;            // per segment count
  int64_t batch = 16;               // samples per forward pass
  uint64_t seed = 1;                // of the evaluation samples
};

// Rows in the order of the models, then of the segment counts.
std::vector<AccuracyRow> evaluate_rmt(const RmtEvalSettings& settings,
                                      const Progress& progress = {});

}  // namespace mnemo::eval
