// Retrieval metrics of semantic search: each query has one right key; its rank is 1 + the
// number of keys scored higher.
#pragma once
#include <torch/types.h>

#include <vector>

namespace mnemo::clamp {

struct RetrievalMetrics {
  int64_t queries = 0;
  double mrr = 0;  // mean reciprocal rank
  double hit_at_1 = 0, hit_at_10 = 0, hit_at_100 = 0;
};

// scores: (Q, K); right_key: for each query, the index of its key. Ties count against the
// query (a key scored equal to the right one ranks before it), so a constant scorer gets
// no credit.
RetrievalMetrics retrieval_metrics(const torch::Tensor& scores,
                                   const std::vector<int64_t>& right_key);

// What a random ranking of K keys scores on average (the chance level beside the metrics).
RetrievalMetrics chance_retrieval_metrics(int64_t keys);

}  // namespace mnemo::clamp
