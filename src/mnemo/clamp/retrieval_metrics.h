// Retrieval metrics as plain numbers, torch-free so that reports and the CLI can hold them;
// retrieval.h computes them from scores.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>

namespace mnemo::clamp {

struct RetrievalMetrics {
  int64_t queries = 0;
  double mrr = 0;  // mean reciprocal rank
  double hit_at_1 = 0, hit_at_10 = 0, hit_at_100 = 0;

  // {mrr, hit_at_1, hit_at_10, hit_at_100}
  nlohmann::json to_json() const;
};

// What a random ranking of K keys scores on average (the chance level beside the metrics).
RetrievalMetrics chance_retrieval_metrics(int64_t keys);

}  // namespace mnemo::clamp
