// Precision and recall of memorized sets, on a case where swapping them would show.
#include "mnemo/memorization/prediction.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"

namespace mnemo::memorization {
namespace {

TEST(Prediction, PrecisionAndRecallKeepTheirOrientation) {
  // Target memorizes 0-3; the predictor flags 0, 1 and 4: 2 hits, 1 false alarm, 2 misses.
  ScoreTable target, predictor;
  for (int64_t i = 0; i < 10; ++i) {
    target[i] = i < 4 ? 1.0 : 0.5;
    predictor[i] = (i == 0 || i == 1 || i == 4) ? 1.0 : 0.25;
  }
  const auto confusion = compare_memorized(target, predictor);
  EXPECT_EQ(confusion.true_positives, 2);
  EXPECT_EQ(confusion.false_positives, 1);
  EXPECT_EQ(confusion.false_negatives, 2);
  EXPECT_EQ(confusion.true_negatives, 5);
  EXPECT_DOUBLE_EQ(confusion.precision(), 2.0 / 3.0);  // swapped arguments would give 1/2
  EXPECT_DOUBLE_EQ(confusion.recall(), 0.5);
  EXPECT_DOUBLE_EQ(confusion.f1(), 2 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5));
}

TEST(Prediction, CountsOnlySequencesBothScoredAndUsesTheThreshold) {
  const ScoreTable target = {{0, 1.0}, {1, 0.9}, {2, 1.0}, {7, 1.0}};
  const ScoreTable predictor = {{0, 0.95}, {1, 0.9}, {2, 0.1}, {9, 1.0}};
  const auto strict = compare_memorized(target, predictor);
  EXPECT_EQ(strict.sequences(), 3);
  EXPECT_EQ(strict.true_positives, 0);
  EXPECT_DOUBLE_EQ(strict.precision(), 0.0);  // the predictor calls nothing memorized
  EXPECT_DOUBLE_EQ(strict.recall(), 0.0);
  const auto loose = compare_memorized(target, predictor, 0.9);
  EXPECT_EQ(loose.true_positives, 2);
  EXPECT_EQ(loose.false_negatives, 1);
  EXPECT_DOUBLE_EQ(loose.recall(), 2.0 / 3.0);
  EXPECT_THROW(compare_memorized(target, {{5, 1.0}}), Error);
}

}  // namespace
}  // namespace mnemo::memorization
