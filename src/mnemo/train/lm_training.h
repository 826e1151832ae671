// `lm train`: language modelling on text files with a decoder RMT on GPT-2, new or resumed;
// every stage spends its whole budget, and --keep-every keeps the model every N steps as its
// own directory (Pythia style). The run directory is the Trainer's (trainer.h); run.json also
// records the text files and where the model came from, so that --resume needs only the
// directory.
#pragma once
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/train/curriculum_run.h"
#include "mnemo/train/decoder_start.h"

namespace mnemo::train {

struct LmTrainSettings : CurriculumRun {
  LmTrainSettings() : CurriculumRun("1", defaults()) {}

  std::vector<std::string> data;  // plain-text files (not read on resume)
  DecoderStart start;
  // lr 3e-4, weight decay 0.01, batch 8.
  static TrainSettings defaults();
};

// The final model is out/model.
TrainedModel train_language_model(const LmTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
