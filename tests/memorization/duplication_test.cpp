// Training data with duplicates: each distinct sequence as many times as its copy count, at
// seeded places, the held-out ones once each at the end.
#include "mnemo/memorization/duplication.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace mnemo::memorization {
namespace {

using testing::error_of;

std::vector<std::vector<int64_t>> distinct_sequences(int64_t count) {
  std::vector<std::vector<int64_t>> sequences;
  for (int64_t i = 0; i < count; ++i) sequences.push_back({i, i, i});
  return sequences;
}

TEST(DuplicateSequences, EachSequenceAsOftenAsItsCountWithTheHeldOutOnceAtTheEnd) {
  const auto distinct = distinct_sequences(9);
  const auto data = duplicate_sequences(distinct, {1, 2, 3}, 2, 7);
  // Training sequences 0..6 get 1, 2, 3, 1, 2, 3, 1 copies: 13; then 7 and 8.
  EXPECT_EQ(data.distinct_copies, (std::vector<int64_t>{1, 2, 3, 1, 2, 3, 1, 0, 0}));
  ASSERT_EQ(data.sequences.size(), 15u);
  std::map<int64_t, int64_t> seen;
  for (size_t i = 0; i < 13; ++i) ++seen[data.sequences[i][0]];
  for (int64_t u = 0; u < 7; ++u) EXPECT_EQ(seen[u], data.distinct_copies[u]) << u;
  EXPECT_EQ(data.sequences[13], distinct[7]);
  EXPECT_EQ(data.sequences[14], distinct[8]);
  EXPECT_TRUE(has_duplicates(data.distinct_copies));

  std::vector<int64_t> order, again;
  for (const auto& s : data.sequences) order.push_back(s[0]);
  for (const auto& s : duplicate_sequences(distinct, {1, 2, 3}, 2, 7).sequences)
    again.push_back(s[0]);
  EXPECT_EQ(order, again);  // seeded
  std::vector<int64_t> sorted = order;
  std::sort(sorted.begin(), sorted.begin() + 13);
  EXPECT_NE(order, sorted);  // shuffled
}

TEST(DuplicateSequences, SingleCopiesKeepTheTextOrderAndBadCountsAreClearErrors) {
  const auto distinct = distinct_sequences(5);
  const auto data = duplicate_sequences(distinct, {1}, 1, 3);
  EXPECT_EQ(data.sequences, distinct);
  EXPECT_FALSE(has_duplicates(data.distinct_copies));
  EXPECT_NE(error_of([&] {
              duplicate_sequences(distinct, {1, 0}, 1, 3);
            }).find("--copies: every count must be at least 1"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              duplicate_sequences(distinct, {1}, 5, 3);
            }).find("--held-out 5 leaves no training sequence of the 5"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::memorization
