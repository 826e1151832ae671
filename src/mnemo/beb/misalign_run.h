// `beb misalign`: the behavior expectation B_P(s) of a model's next sentence after k = 0..K
// sentences from P-, with the theory's transition length and bounds beside it, written as
// OUT.json and OUT.png.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/beb/bounds.h"
#include "mnemo/beb/misalignment.h"
#include "mnemo/beb/model_choice.h"
#include "mnemo/core/progress.h"

namespace mnemo::beb {

struct MisalignSettings {
  ModelChoice model;
  std::string negative;         // P-: writes the misaligning prompts
  std::string aligning_prompt;  // text read before them (Theorem 2); empty: none
  std::string estimates;        // beb estimate's JSON: beta (and beta', sigma); empty: none
  std::string out;              // PREFIX of PREFIX.json and PREFIX.png
  ScorerChoice scorer;
  MisalignOptions measure;  // its aligning prompt comes from `aligning_prompt`
  int64_t max_sentence_tokens = 48;
  // The theory's marks: alpha (default: the mixture's), beta (default: the estimates'); 0 is
  // not given.
  double alpha = 0, beta = 0, epsilon = 0.1;
};

struct MisalignResult {
  std::vector<BehaviorPoint> curve;
  std::vector<Bound> theory;       // empty without alpha and beta
  int64_t aligning_sentences = 0;  // of the aligning prompt
  double seconds = 0;              // measuring
};

MisalignResult run_misalignment(const MisalignSettings& settings, const Progress& progress = {});

}  // namespace mnemo::beb
