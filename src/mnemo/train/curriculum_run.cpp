#include "mnemo/train/curriculum_run.h"

#include "mnemo/core/numbers.h"

namespace mnemo::train {

TrainSettings CurriculumRun::schedule() const {
  auto schedule = settings;
  schedule.curriculum = parse_counts(curriculum, "--curriculum");
  return schedule;
}

}  // namespace mnemo::train
