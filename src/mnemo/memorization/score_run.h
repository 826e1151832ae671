// Scoring a model's training sequences for memorization, resumable: scores go to a CSV
// (score_file.h) batch by batch, with the settings beside it (<out>.json); a second run with
// the same settings scores only what the first left out. Several ranks (torchrun, `mnemo
// launch`) split what is left: each writes <out>.rank-R, which rank 0 merges into the CSV, in
// index order as one process writes it (also on the next run, after a kill).
#pragma once
#include <cstdint>
#include <string>

#include "mnemo/core/progress.h"
#include "mnemo/memorization/window.h"

namespace mnemo::memorization {

struct ScoreSettings {
  std::string model;    // causal LM directory: GPT-2 (mnemo) or GPT-NeoX (Pythia)
  std::string data;     // Megatron indexed dataset PREFIX
  std::string indices;  // "A:B", half-open, either end optional; empty: all
  std::string out;      // CSV to write; an existing one is resumed
  ExtractionWindow window;
  int64_t batch = 128;          // wide batches amortise reading the vocabulary projection each step
  int64_t training_tokens = 0;  // recorded for compute (6 x parameters x tokens); 0: unknown
};

struct ScoreSummary {
  int64_t sequences = 0;   // scored in the asked range, now and before
  int64_t scored_now = 0;  // by this run
  int64_t memorized = 0;   // score 1
  double mean_score = 0;
  double seconds = 0;  // this run's
};

ScoreSummary score_sequences(const ScoreSettings& settings, const Progress& progress = {});

// The sequences "A:B" names (half-open, either end optional) within [0, size).
std::pair<uint64_t, uint64_t> parse_indices(const std::string& text, uint64_t size);

}  // namespace mnemo::memorization
