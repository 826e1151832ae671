// `babilong train`: curriculum training of a decoder RMT on BABILong-style samples made from
// bAbI files and noise text, new or resumed. The run directory is the Trainer's (trainer.h);
// run.json also records the bAbI and noise files and where the model came from, so that
// --resume needs only the directory.
#pragma once
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/train/curriculum_run.h"
#include "mnemo/train/decoder_start.h"

namespace mnemo::train {

struct BabilongTrainSettings : CurriculumRun {
  BabilongTrainSettings() : CurriculumRun("1,2,4", defaults()) {}

  std::vector<std::string> babi;  // bAbI files, one per task (qa1, qa2, ...)
  std::vector<std::string> noise = {"data/brown.txt"};
  DecoderStart start;
  // lr 1e-4, weight decay 0.01.
  static TrainSettings defaults();
};

// The final model is out/model. Notes the tasks,
// the curriculum and the input lengths it trains on.
TrainedModel train_babilong(const BabilongTrainSettings& settings, const Progress& progress = {});

}  // namespace mnemo::train
