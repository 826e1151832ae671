// Where curriculum training stands, for checkpoints and for whoever watches (the CLI's
// progress line, the server's events). Free of torch so that commands can include it.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"

namespace mnemo::train {

// Saved with every checkpoint.
struct TrainState {
  size_t stage = 0;           // index into the curriculum
  int64_t step = 0;           // optimizer steps done in this stage
  double best_accuracy = -1;  // best validation accuracy of this stage so far
  int64_t best_step = 0;
  double seconds = 0;  // training time of the whole run, over every resume
  bool finished = false;
  std::vector<nlohmann::json> stages;  // summaries of the finished stages

  nlohmann::json to_json() const;
  static TrainState from_json(const nlohmann::json& json, const std::string& source);
};

struct TrainProgress {
  enum class Event { step, validation, stage_done };
  Event event = Event::step;
  size_t stage = 0, stages = 0;
  int64_t segments = 0;
  int64_t step = 0, stage_steps = 0;
  double loss = 0;  // mean training loss since the last validation
  double learning_rate = 0;
  double accuracy = -1;  // the last validation's, -1 before the first
  double best_accuracy = -1;
  double seconds_per_step = 0;
};

using ProgressCallback = std::function<void(const TrainProgress&)>;

// "stage 2/3 (2 seg) step 40/300 loss 0.6931 val 55.0% best 60.0% eta<=1m05s".
std::string describe(const TrainProgress& progress);

// The Trainer's events as general progress: steps of the stage, each stage's end kept.
ProgressCallback report_to(const Progress& progress);

}  // namespace mnemo::train
