#include "mnemo/eval/speed_bench.h"

#include <gtest/gtest.h>

#include "mnemo/eval/rmt_bench.h"
#include "mnemo/nn/bert_config.h"

namespace mnemo::eval {
namespace {

// Speeds are the work done over the median time: tokens, or the FLOPs of the formula.
TEST(SpeedBench, RatesAreTheWorkOverTheMedianTime) {
  RmtBenchSettings rmt;
  rmt.geometry = "tiny";  // 64 positions, 10 memory tokens: 51 input tokens a segment
  rmt.segments = 2;
  rmt.batch = 2;
  rmt.mode = "train";
  rmt.bptt = "recompute";
  rmt.repeats = 3;
  rmt.warmup = 0;
  const auto trained = bench_rmt(rmt);
  ASSERT_EQ(trained.seconds.size(), 3u);
  EXPECT_NEAR(trained.tokens_per_s * trained.median_seconds, 2 * 2 * 51, 1e-6);
  const auto json = trained.to_json();
  EXPECT_EQ(json["bptt"], "recompute");
  EXPECT_EQ(json["seconds"], trained.median_seconds);
  EXPECT_EQ(json["impl"], "mnemo");

  ForwardBenchSettings forward;
  forward.geometry = "tiny";
  forward.tokens = 16;
  forward.repeats = 1;
  forward.warmup = 0;
  const auto timed = bench_forward(forward);
  EXPECT_NEAR(timed.gflops * timed.median_seconds * 1e9,
              nn::bert_forward_flops(nn::bert_geometry("tiny", 28996), 1, 16), 1.0);

  SgemmBenchSettings sgemm;
  sgemm.size = 64;
  sgemm.repeats = 2;
  const auto product = bench_sgemm(sgemm);
  EXPECT_NEAR(product.gflops * product.median_seconds * 1e9, 2.0 * 64 * 64 * 64, 1e-3);
  EXPECT_EQ(product.to_json()["size"], 64);
}

}  // namespace
}  // namespace mnemo::eval
