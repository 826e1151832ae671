// Curriculum training of an RMT (any Learner): stage after stage (segments per the curriculum),
// each from the previous stage's best weights, with AdamW, linear warmup and decay,
// gradient value clipping, gradient accumulation and validation on a fixed set.
//
// The run directory holds:
//   run.json      settings and whatever the caller records about the run (task, noise)
//   checkpoint/   the last checkpoint: model directory + optimizer.pt + state.json
//   stage-<i>/    the best model of stage i (1-based)
//   model/        the final model: the best of the last stage
//   log.jsonl     one line per validation
//   step-<n>/     with keep_every: the model after n optimizer steps in all, kept (Pythia style)
// Every directory is replaced atomically, so a kill at any moment leaves the last
// checkpoint whole, and resume() continues from it exactly: samples and dropout are
// seeded per step, not drawn from a running generator.
//
// In a job of several ranks (runtime/world.h: torchrun, srun, `mnemo launch`) each rank
// computes its share of every batch and the gradients are summed over the ranks, so a run's
// samples do not depend on the number of ranks and its resume may use another number. Rank 0
// alone writes the run directory; the others read it at the end of each stage and on resume
// (one machine, or a filesystem the machines share).
#pragma once
#include <torch/optim/adamw.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "mnemo/runtime/process_group.h"
#include "mnemo/train/learner.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

class Trainer {
 public:
  Trainer(std::filesystem::path run_dir, std::shared_ptr<Learner> learner, TrainSettings settings);

  // Writes run.json (settings plus `about`); the run directory must not hold a run yet.
  void start(const nlohmann::json& about);
  // Loads the last checkpoint's weights, optimizer state and progress.
  void resume();
  // Trains to the end of the curriculum; returns the finished state. A NaN or infinite
  // loss stops with an error and leaves the last checkpoint as it was.
  TrainState run(const ProgressCallback& progress = {});

  const TrainState& state() const { return state_; }

  // An error when `run_dir` already holds a run (before a caller writes anything there);
  // rank 0 alone checks.
  static void check_new_run(const std::filesystem::path& run_dir);
  // Reads run.json: the settings and the caller's `about`.
  static std::pair<TrainSettings, nlohmann::json> read_run(const std::filesystem::path& run_dir);

 private:
  void new_optimizer();
  double train_step(int64_t segments);
  double validate(int64_t segments);
  void save_model(const std::filesystem::path& dir) const;
  void save_checkpoint() const;
  void append_log(const nlohmann::json& line) const;
  std::string where() const;
  bool leader() const;          // writes the run directory: rank 0, or the only process
  int64_t total_steps() const;  // optimizer steps over every stage so far

  std::filesystem::path run_dir_;
  std::shared_ptr<Learner> learner_;
  TrainSettings settings_;
  TrainState state_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  runtime::ProcessGroup* ranks_;  // null for one process
};

// Starts the run (writing run.json with `about`) or, with `resume`, continues it from its
// last checkpoint (noting where), then trains to the end with progress reported.
TrainState run_training(Trainer& trainer, bool resume, const nlohmann::json& about,
                        const std::filesystem::path& run_dir, const Progress& progress);

}  // namespace mnemo::train
