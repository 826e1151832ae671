// Hyperparameters of curriculum training, kept in the run directory's run.json so that
// --resume continues with exactly the settings the run started with.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::train {

struct TrainSettings {
  std::vector<int64_t> curriculum = {1, 2, 3};  // segments per stage
  int64_t steps_per_stage = 1000;               // budget of each stage
  int64_t batch_size = 32;                      // samples per optimizer step
  int64_t micro_batch = 0;                      // samples per forward pass; 0 = batch_size
  double learning_rate = 1e-4;
  double weight_decay = 1e-3;
  double warmup_fraction = 0.1;  // of each stage's budget, then linear decay to 0
  double clip_value = 5.0;       // gradient values are clipped to [-clip, clip]; 0 = off
  int64_t validate_every = 100;
  int64_t validation_samples = 256;
  int64_t checkpoint_every = 0;   // steps; 0 = at each validation
  int64_t keep_every = 0;         // steps between kept models step-NNNNNN/ (Pythia style); 0 = none
  double target_accuracy = 0.99;  // validation accuracy that ends a stage early ...
  bool stop_at_target = true;     // ... unless false: every stage spends its budget
  bool loss_all_segments = false;
  int64_t bptt_depth = 0;      // 0 = full backpropagation through time
  std::string bptt = "full";   // full or recompute (rmt/backprop.h)
  bool mixed_lengths = false;  // a stage of n segments trains on 1..n segments
  uint64_t seed = 0;

  int64_t effective_micro_batch() const { return micro_batch > 0 ? micro_batch : batch_size; }
  int64_t effective_checkpoint_every() const {
    return checkpoint_every > 0 ? checkpoint_every : validate_every;
  }
  // Learning rate at `step` (1-based) of a stage: linear warmup, then linear decay to 0.
  double learning_rate_at(int64_t step) const;

  nlohmann::json to_json() const;
  static TrainSettings from_json(const nlohmann::json& json, const std::string& source);
  // Impossible values are an error naming the option.
  void validate() const;
};

}  // namespace mnemo::train
