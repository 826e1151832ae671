// `lm train`: language modelling on text files with a decoder RMT on GPT-2, new or resumed;
// every stage spends its whole budget, and --keep-every keeps the model every N steps as its
// own directory (Pythia style). The run directory is the Trainer's (trainer.h); run.json also
// records the text files and where the model came from, so that --resume needs only the
// directory.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/train/decoder_start.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

struct LmTrainSettings {
  std::vector<std::string> data;  // plain-text files (not read on resume)
  DecoderStart start;
  std::string curriculum = "1";  // segments of each stage, as parse_counts reads them
  // Everything else of the schedule; its curriculum comes from `curriculum`.
  TrainSettings settings = defaults();
  std::string out;      // run directory
  bool resume = false;  // continue `out` with its own settings; the rest is not read

  // lr 3e-4, weight decay 0.01, batch 8.
  static TrainSettings defaults();
};

struct LmTrainResult {
  TrainState state;
  std::filesystem::path model;  // the final model: out/model
};

LmTrainResult train_language_model(const LmTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
