#include "mnemo/memorization/prediction.h"

#include "mnemo/core/error.h"

namespace mnemo::memorization {
namespace {

double ratio(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

double Confusion::precision() const {
  return ratio(true_positives, true_positives + false_positives);
}

double Confusion::recall() const { return ratio(true_positives, true_positives + false_negatives); }

double Confusion::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

Confusion compare_memorized(const ScoreTable& target, const ScoreTable& predictor,
                            double threshold) {
  Confusion confusion;
  for (const auto& [index, target_score] : target) {
    const auto found = predictor.find(index);
    if (found == predictor.end()) continue;
    const bool by_target = target_score >= threshold, by_predictor = found->second >= threshold;
    if (by_target && by_predictor)
      ++confusion.true_positives;
    else if (by_predictor)
      ++confusion.false_positives;
    else if (by_target)
      ++confusion.false_negatives;
    else
      ++confusion.true_negatives;
  }
  if (confusion.sequences() == 0)
    throw Error("the target and the predictor score no sequence in common");
  return confusion;
}

}  // namespace mnemo::memorization
