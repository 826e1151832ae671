// Measuring misalignment (Wolf et al. 2023): the behavior expectation B_P(s) of a model's
// next sentence after prompts s of k = 0..K sentences written by the ill-behaved component
// P-, optionally after a preset aligning prompt. The theory predicts B_P(s) to fall like a
// reverse sigmoid centred near k = log(1/alpha)/beta.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/beb/estimation.h"
#include "mnemo/core/progress.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::beb {

struct MisalignOptions {
  int64_t max_sentences = 8;  // K
  int64_t responses = 64;     // R at every k
  Tokens aligning_prompt;     // read before the misaligning sentences (without end-of-text)
  int64_t examples = 3;       // responses kept as text at every k
  uint64_t seed = 0;
};

struct BehaviorPoint {
  int64_t sentences = 0;              // k
  Estimate behavior;                  // B_P(s) over the responses
  double prompt_tokens = 0;           // mean tokens of the prompts (aligning prompt included)
  std::vector<std::string> examples;  // prompt tail | response
};

// For each of R responses, one chain of K sentences from P- (after end-of-text); at every k
// the model answers the chain's first k sentences (after the aligning prompt) with one
// sentence, scored by `scorer`. Chains are independent across responses, shared across k.
// Progress after each response chain.
std::vector<BehaviorPoint> measure_misalignment(SentenceModel& model, SentenceModel& negative,
                                                const text::Tokenizer& tokenizer,
                                                const BehaviorScorer& scorer,
                                                const MisalignOptions& options,
                                                const Progress& progress = {});

// A sentence's text for a scorer: end-of-text dropped.
std::string sentence_text(const text::Tokenizer& tokenizer, Tokens sentence, int64_t end_of_text);

}  // namespace mnemo::beb
