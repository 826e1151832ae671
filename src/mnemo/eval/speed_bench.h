// `bench forward` and `bench sgemm`: how fast this machine runs a BERT forward pass on
// random weights and tokens, and a square float matrix product (the ceiling the models
// are held to). Medians over repeats, since these machines are shared.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::eval {

struct ForwardBenchSettings {
  std::string geometry = "base";  // tiny, small or base
  int64_t tokens = 512;           // sequence length
  int64_t batch = 1;
  int repeats = 5;  // timed runs
  int warmup = 1;   // untimed runs first
};

struct ForwardBenchResult {
  ForwardBenchSettings settings;
  std::vector<double> seconds;  // of each timed run
  double median_seconds = 0;
  double gflops = 0;
  std::string threads;  // runtime::thread_summary()

  // {"config", "batch", "tokens", "seconds_median", "seconds", "gflops", "threads"}
  nlohmann::json to_json() const;
};

ForwardBenchResult bench_forward(const ForwardBenchSettings& settings);

struct SgemmBenchSettings {
  int64_t size = 2048;  // matrix side
  int repeats = 10;     // timed runs, after two untimed ones
};

struct SgemmBenchResult {
  SgemmBenchSettings settings;
  double median_seconds = 0;
  double gflops = 0;
  std::string threads;

  // {"size", "seconds_median", "gflops", "threads"}
  nlohmann::json to_json() const;
};

SgemmBenchResult bench_sgemm(const SgemmBenchSettings& settings);

}  // namespace mnemo::eval
