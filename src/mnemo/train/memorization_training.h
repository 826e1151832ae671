// `memorization train`: a plain GPT-2 fitted to indexed-dataset sequences in file order, for
// several epochs, keeping the model at evenly spaced steps (step-NNNNNN/), so that every
// model and checkpoint saw the same sequences in the same order and `memorization score` can
// ask which it memorized (Pythia's recipe).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

struct MemorizationTrainSettings {
  std::string data;        // indexed dataset PREFIX (not read on resume)
  std::string out;         // run directory
  std::string init;        // a GPT-2 model directory to fine-tune instead of a new model
  int64_t vocab_size = 0;  // 0: from the data's description (make-data's PREFIX.json)
  int64_t layers = 2, width = 128, heads = 4;
  int64_t held_out = 64;    // the file's last sequences, never trained on, for validation
  double epochs = 4;        // passes over the training sequences
  int64_t checkpoints = 8;  // models kept at evenly spaced steps, the last the final one
  // Batch, learning rate, weight decay, warmup, validation interval and seed; the curriculum,
  // budget, kept models and validation set follow from the options above.
  TrainSettings settings = defaults();
  bool resume = false;

  static TrainSettings defaults();
};

struct MemorizationTrainResult {
  TrainState state;
  std::filesystem::path final_model;  // step-NNNNNN/ of the last step
  int64_t training_tokens = 0;
};

MemorizationTrainResult train_memorization_model(const MemorizationTrainSettings& settings,
                                                 const Progress& progress = {});

}  // namespace mnemo::train
