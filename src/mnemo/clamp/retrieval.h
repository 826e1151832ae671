// Retrieval metrics of semantic search: each query has one right key; its rank is 1 + the
// number of keys scored higher.
#pragma once
#include <torch/types.h>

#include <vector>

#include "mnemo/clamp/retrieval_metrics.h"

namespace mnemo::clamp {

// scores: (Q, K); right_key: for each query, the index of its key. Ties count against the
// query (a key scored equal to the right one ranks before it), so a constant scorer gets
// no credit.
RetrievalMetrics retrieval_metrics(const torch::Tensor& scores,
                                   const std::vector<int64_t>& right_key);

}  // namespace mnemo::clamp
