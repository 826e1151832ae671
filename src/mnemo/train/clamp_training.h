// `clamp train`: contrastive training of a CLaMP model from scratch on music-text pairs
// (WikiMT-format JSON, or generated tunes), with resume and the best model by validation
// retrieval; without a tokenizer, a byte-level BPE vocabulary is learnt from the training
// texts first. `clamp pretrain-m3`: masked-music pre-training of the music encoder (M3),
// which `clamp train` can start from.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/train/curriculum_run.h"

namespace mnemo::train {

// One stage of 1000 steps, lr 5e-4, weight decay 0.01, validation every 50 steps, until the
// validation accuracy reaches 100%. Inline: the demo's settings need no torch code.
inline TrainSettings clamp_training_defaults() {
  TrainSettings settings;
  settings.curriculum = {1};
  settings.learning_rate = 5e-4;
  settings.weight_decay = 0.01;
  settings.steps_per_stage = 1000;
  settings.validate_every = 50;
  settings.target_accuracy = 1.0;
  return settings;
}

// What both runs read: the pairs, the geometry, the schedule and the run directory (the
// curriculum is always one stage). On resume only `out` is read; the rest comes from the run's
// run.json.
struct ClampRunSettings : CurriculumRun {
  ClampRunSettings() : CurriculumRun("1", clamp_training_defaults()) {}

  std::string data;             // WikiMT-format JSON ...
  int64_t synthetic = 0;        // ... or this many generated tunes
  std::string config = "tiny";  // geometry: tiny or small
  int64_t max_patches = 256;    // patches per piece (bars + headers)
};

struct ClampTrainSettings : ClampRunSettings {
  std::string tokenizer;      // byte-level BPE directory with <s> <pad> </s>; empty: learnt
  int64_t vocab_size = 2048;  // of the vocabulary learnt here
  bool text_dropout = true;   // train on random subsets of each piece's texts
  std::string init_m3;        // an M3 model directory to start the music encoder from
};

struct M3PretrainSettings : ClampRunSettings {};

// The model they leave is out/model, the best by validation.
TrainedModel train_clamp(const ClampTrainSettings& settings, const Progress& progress = {});
TrainedModel pretrain_m3(const M3PretrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
