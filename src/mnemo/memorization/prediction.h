// How well one model's memorized set predicts another's (Biderman et al. 2023): precision
// and recall of the predictor's memorized sequences against the target's, computed from the
// counts themselves (the paper's public script swapped sklearn's confusion-matrix arguments
// and reported precision as recall).
#pragma once
#include <cstdint>
#include <map>

namespace mnemo::memorization {

// Sequence index -> memorization score.
using ScoreTable = std::map<int64_t, double>;

struct Confusion {
  int64_t true_positives = 0;   // memorized by both
  int64_t false_positives = 0;  // by the predictor only
  int64_t false_negatives = 0;  // by the target only
  int64_t true_negatives = 0;   // by neither
  int64_t sequences() const {
    return true_positives + false_positives + false_negatives + true_negatives;
  }
  // Of the sequences the predictor calls memorized, the share the target memorized
  // (0 when it calls none).
  double precision() const;
  // Of the sequences the target memorized, the share the predictor found (0 when none).
  double recall() const;
  double f1() const;
};

// Over the sequences both tables score (none in common is an error); memorized means a score
// of at least `threshold` (1: every continuation token right).
Confusion compare_memorized(const ScoreTable& target, const ScoreTable& predictor,
                            double threshold = 1.0);

}  // namespace mnemo::memorization
