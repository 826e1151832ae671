// `rmt attention`: a trained RMT's attention on one generated task sample, one heat map per
// segment (Figure 7 of the RMT paper), with [CLS], the memory slots, the separators and
// every fact and question token named on the axes.
#pragma once
#include <cstdint>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/tasks/task_choice.h"

namespace mnemo::eval {

struct AttentionMapSettings {
  std::string model;         // model directory or training run directory
  tasks::TaskChoice task;    // unset parts: the model's own task
  int64_t segments = 4;      // of the sample
  int64_t layer = -1;        // -1: the last
  int64_t head = -1;         // -1: the mean over heads
  uint64_t seed = 1;         // which sample
  int64_t noise_tokens = 6;  // noise positions kept beside the named ones; -1: every position
  std::string png;
};

struct AttentionMapResult {
  std::string answer;  // the model's, after the last segment
  std::string truth;
};

// Draws the panels to settings.png. A layer or head the model lacks is an error naming the
// flag and the model's count.
AttentionMapResult draw_attention_map(const AttentionMapSettings& settings,
                                      const Progress& progress = {});

}  // namespace mnemo::eval
