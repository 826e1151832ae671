#include "mnemo/clamp/retrieval_metrics.h"

#include <algorithm>

namespace mnemo::clamp {

nlohmann::json RetrievalMetrics::to_json() const {
  return {
      {"mrr", mrr}, {"hit_at_1", hit_at_1}, {"hit_at_10", hit_at_10}, {"hit_at_100", hit_at_100}};
}

RetrievalMetrics chance_retrieval_metrics(int64_t keys) {
  RetrievalMetrics metrics;
  double harmonic = 0;
  for (int64_t rank = 1; rank <= keys; ++rank) harmonic += 1.0 / static_cast<double>(rank);
  const auto k = static_cast<double>(keys);
  metrics.mrr = harmonic / k;
  metrics.hit_at_1 = std::min(1.0, 1 / k);
  metrics.hit_at_10 = std::min(1.0, 10 / k);
  metrics.hit_at_100 = std::min(1.0, 100 / k);
  return metrics;
}

}  // namespace mnemo::clamp
