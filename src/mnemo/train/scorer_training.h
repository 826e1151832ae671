// `beb train-scorer`: the learned behavior scorer trained by the Trainer on sentences
// labelled by another scorer (AFINN by default) or by a file of labels. The run directory
// holds what every training run holds (run.json, checkpoint/, stage-1/, model/, log.jsonl)
// and, at its top, the final scorer (learned-scorer.json with its held-out quality, and
// model.safetensors), so that the run directory itself is what `--scorer-model` takes.
#pragma once
#include <cstdint>
#include <string>

#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/core/progress.h"
#include "mnemo/train/progress.h"

namespace mnemo::train {

struct ScorerTrainSettings {
  std::string text;    // sentences, one a line (not read from here on resume)
  std::string labels;  // labels in [-1, 1], one a line of `text`; empty: label_scorer's
  beb::ScorerChoice label_scorer;
  std::string out;  // run directory
  int64_t dim = 16;
  int64_t epochs = 10;  // passes over the training sentences
  int64_t batch = 128;
  double learning_rate = 0.01;  // Adam, decaying linearly to 0 over the run
  double held_out_fraction = 0.1;
  int64_t min_count = 2;  // a feature must occur this often in the training sentences
  uint64_t seed = 0;      // of the split, the order and the initialisation
  bool resume = false;    // continue the run in `out` with its own settings
};

struct ScorerTrainResult {
  TrainState state;
  size_t features = 0;
  int64_t training_sentences = 0;
  beb::ScorerQuality held_out;  // sentences == 0: none held out

  // The held-out quality as learned-scorer.json records it; null without held-out sentences.
  nlohmann::json held_out_json() const;
};

ScorerTrainResult train_scorer(const ScorerTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
