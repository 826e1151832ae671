// `babilong train`: curriculum training of a decoder RMT on BABILong-style samples made from
// bAbI files and noise text, new or resumed. The run directory is the Trainer's (trainer.h);
// run.json also records the bAbI and noise files and where the model came from, so that
// --resume needs only the directory.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/train/decoder_start.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

struct BabilongTrainSettings {
  std::vector<std::string> babi;  // bAbI files, one per task (qa1, qa2, ...)
  std::vector<std::string> noise = {"data/brown.txt"};
  DecoderStart start;
  std::string curriculum = "1,2,4";  // segments of each stage, as parse_counts reads them
  // Everything else of the schedule; its curriculum comes from `curriculum`.
  TrainSettings settings = defaults();
  std::string out;      // run directory
  bool resume = false;  // continue `out` with its own settings; the rest is not read

  // lr 1e-4, weight decay 0.01.
  static TrainSettings defaults();
};

struct BabilongTrainResult {
  TrainState state;
  std::filesystem::path model;  // the final model: out/model
};

// Notes the tasks, the curriculum and the input lengths it trains on.
BabilongTrainResult train_babilong(const BabilongTrainSettings& settings,
                                   const Progress& progress = {});

}  // namespace mnemo::train
