// `rmt bench`: speed and peak memory of an encoder RMT on random weights and tokens,
// inference or training steps, reported with the same keys as bench/rmt_baseline.py.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::eval {

struct RmtBenchSettings {
  std::string geometry = "small";  // tiny, small or base
  int64_t segments = 16;           // per sample
  int64_t batch = 1;
  std::string mode = "infer";  // infer, or train: forward, backward, AdamW step
  std::string bptt = "full";   // training: full or recompute
  int repeats = 5;             // timed runs
  int warmup = 1;              // untimed runs first
};

struct RmtBenchResult {
  RmtBenchSettings settings;
  std::vector<double> seconds;  // of each timed run
  double median_seconds = 0;
  double tokens_per_s = 0;
  double gflops = 0;  // useful work: a training step counts as three forward passes
  double peak_rss_mb = 0;
  std::string threads;  // runtime::thread_summary()
  int ranks = 1;        // data-parallel ranks sharing each batch (`mnemo launch`, torchrun)
  std::vector<double> sum_seconds;  // training with ranks: summing gradients, each timed step

  // {"impl": "mnemo", "config", "segments", "batch", "mode", "bptt", "tokens_per_s",
  // "seconds" (the median), "seconds_all", "peak_rss_mb", "gflops", "threads", "ranks",
  // "gradient_sum_share" (median sum time / median step time; 0 for one rank)}
  nlohmann::json to_json() const;
};

// With several ranks each runs its share of the batch; tokens/s is the whole batch's.
RmtBenchResult bench_rmt(const RmtBenchSettings& settings);

}  // namespace mnemo::eval
