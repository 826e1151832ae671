#include "mnemo/clamp/retrieval.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"

namespace mnemo::clamp {

RetrievalMetrics retrieval_metrics(const torch::Tensor& scores,
                                   const std::vector<int64_t>& right_key) {
  if (scores.dim() != 2 || scores.size(0) != static_cast<int64_t>(right_key.size()))
    throw Error("retrieval: one right key per query is needed");
  const auto keys = torch::tensor(right_key, torch::kLong).unsqueeze(1);
  const auto right_scores = scores.gather(1, keys);
  // Keys scored at least as high as the right one, the right one included.
  const auto ranks = (scores >= right_scores).sum(1).to(torch::kDouble);
  RetrievalMetrics metrics;
  metrics.queries = scores.size(0);
  metrics.mrr = ranks.reciprocal().mean().item<double>();
  metrics.hit_at_1 = ranks.le(1).to(torch::kDouble).mean().item<double>();
  metrics.hit_at_10 = ranks.le(10).to(torch::kDouble).mean().item<double>();
  metrics.hit_at_100 = ranks.le(100).to(torch::kDouble).mean().item<double>();
  return metrics;
}

}  // namespace mnemo::clamp
