#include <gtest/gtest.h>

#include "mnemo/train/learner.h"

namespace mnemo {
namespace {

using train::BatchRequest;

// Every sample of a batch belongs to exactly one rank, in rank order.
TEST(BatchShard, RanksSplitTheBatchWithoutGapsOrOverlaps) {
  for (const int64_t batch : {1, 7, 8, 32}) {
    for (const int ranks : {1, 2, 3, 8, 10}) {
      int64_t next = 0;
      for (int rank = 0; rank < ranks; ++rank) {
        BatchRequest request;
        request.rank = rank;
        request.ranks = ranks;
        const auto [first, count] = request.shard(batch);
        EXPECT_EQ(first, next) << batch << " samples, rank " << rank << " of " << ranks;
        EXPECT_GE(count, batch / ranks);
        EXPECT_LE(count, batch / ranks + 1);
        next = first + count;
      }
      EXPECT_EQ(next, batch) << batch << " samples over " << ranks << " ranks";
    }
  }
}

// Micro-batches cover a rank's share; their shares of the batch add up to the rank's.
TEST(BatchShard, MicroBatchesCoverTheShareAndWeighItsPart) {
  BatchRequest request;
  request.rank = 1;
  request.ranks = 2;
  std::vector<std::pair<int64_t, int64_t>> seen;
  const double total =
      train::for_each_micro_batch(request, 10, 2, [&](int64_t first, int64_t count, double share) {
        seen.emplace_back(first, count);
        return share;
      });
  const std::vector<std::pair<int64_t, int64_t>> expected = {{5, 2}, {7, 2}, {9, 1}};
  EXPECT_EQ(seen, expected);
  EXPECT_DOUBLE_EQ(total, 0.5);
}

}  // namespace
}  // namespace mnemo
