// The commands of long inputs and analysis: rmt run (streaming), attention, flops, bench.
// What they compute is tested on the library (tests/rmt/answer_test.cpp,
// tests/eval/attention_map_test.cpp, flops_comparison_test.cpp, speed_bench_test.cpp); here,
// their command lines and output.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "task_world.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

TEST(RmtLongCli, RunAnswersAsJsonOrTextAndAttentionDraws) {
  const TaskWorld world;
  const auto run = world.dir / "run";
  torch::manual_seed(0);
  const auto rmt = world.tiny_rmt(2, 16);  // 2 layers, 11 input tokens a segment
  testing::save_rmt_dir(rmt, run / "model");
  const auto story = world.dir / "story.txt";
  testing::write_text(story, "Mary went to the kitchen.\n");
  const std::string inputs = " --input " + shell_quote(story) + " --input " +
                             shell_quote(world.noise_file) + " --question 'Where is Mary?'";
  const auto& labels = tasks::place_labels();

  const auto as_json = run_mnemo("rmt run --json --model " + shell_quote(run) + inputs);
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const auto result = nlohmann::json::parse(as_json.out);
  for (const char* key :
       {"answer", "probabilities", "tokens", "segments", "seconds", "tokens_per_s", "peak_rss_mb"})
    EXPECT_TRUE(result.contains(key)) << key;
  EXPECT_EQ(result["probabilities"].size(), labels.size());
  EXPECT_EQ(result["segments"], (result["tokens"].get<int64_t>() + 10) / 11);

  const auto as_text = run_mnemo("rmt run --model " + shell_quote(run) + inputs);
  ASSERT_EQ(as_text.exit_code, 0) << as_text.err;
  // The answer, each label's probability from the most likely down, then the speed.
  const std::regex text_format(
      "answer: " + result["answer"].get<std::string>() +
      "\n(  [a-z]+ +[0-9]+\\.[0-9]{2}%\n){6}[0-9]+ tokens in [0-9]+ segments, [0-9hms]+ \\([0-9]+ "
      "tokens/s\\), peak memory [0-9]+ MB\n");
  EXPECT_TRUE(std::regex_match(as_text.out, text_format)) << as_text.out;
  for (const auto& label : labels)
    EXPECT_NE(as_text.out.find("  " + label + " "), std::string::npos) << label;
  double previous = 101;
  std::istringstream lines(as_text.out);
  std::string line;
  std::getline(lines, line);
  for (size_t i = 0; i < labels.size() && std::getline(lines, line); ++i) {
    const double percent = std::stod(line.substr(line.rfind(' ') + 1));
    EXPECT_LE(percent, previous) << as_text.out;
    previous = percent;
  }

  const auto png = world.dir / "attention.png";
  const auto attention = run_mnemo("rmt attention --model " + shell_quote(run) + " --noise " +
                                   shell_quote(world.noise_file) +
                                   " --segments 3 --layer 1 --png " + shell_quote(png));
  ASSERT_EQ(attention.exit_code, 0) << attention.err;
  const std::string wrote = "; wrote " + png.string() + "\n";
  ASSERT_GT(attention.out.size(), wrote.size());
  EXPECT_EQ(attention.out.substr(attention.out.size() - wrote.size()), wrote);
  EXPECT_TRUE(std::regex_match(attention.out.substr(0, attention.out.size() - wrote.size()),
                               std::regex("answer [a-z]+, true [a-z]+")))
      << attention.out;
  EXPECT_TRUE(fs::exists(png) && fs::file_size(png) > 1000);
  const auto bad_layer =
      run_mnemo("rmt attention --model " + shell_quote(run) + " --noise " +
                shell_quote(world.noise_file) + " --layer 7 --png " + shell_quote(png));
  EXPECT_EQ(bad_layer.exit_code, 1);
  EXPECT_NE(bad_layer.err.find("--layer 7: the model has 2 layers"), std::string::npos)
      << bad_layer.err;
}

// Figure 3's formula, written out here apart from the library's: per layer, for n tokens each
// attending c tokens, 8 n d^2 (projections) + 4 n c d (scores and mixing) + 4 n d f
// (feed-forward), plus the head's 2 n d V; full attention has c = n, the RMT ceil(n / s)
// segments of n = c = s. For OPT-125M (12 layers, d 768, f 3072, V 50272) at 2,048,000
// tokens that is 1.160e14 + 1.546e17 + 2.319e14 + 1.581e14 = 1.551e17 against 4,000
// segments of 1.362e11 = 5.447e14.
std::string flops_row(const std::string& name, double layers, double d, double f, double n) {
  const double vocabulary = 50272, s = 512;
  auto forward = [&](double tokens, double context) {
    return layers * (8 * tokens * d * d + 4 * tokens * context * d + 4 * tokens * d * f) +
           2 * tokens * d * vocabulary;
  };
  const double full = forward(n, n), rmt = std::ceil(n / s) * forward(s, s);
  char row[160];
  std::snprintf(row, sizeof row, "| %s | %.0f | %.3e | %.3e | x%.1f |\n", name.c_str(), n, full,
                rmt, full / rmt);
  return row;
}

TEST(RmtLongCli, FlopsTableAndBenchJson) {
  const auto flops = run_mnemo("rmt flops --model opt-125m --model opt-175b --lengths 512,2048000");
  ASSERT_EQ(flops.exit_code, 0) << flops.err;
  EXPECT_EQ(flops.out.rfind("| model | tokens | full attention FLOPs | RMT FLOPs | ratio |\n", 0),
            0u)
      << flops.out;
  const auto small_short = flops_row("opt-125m", 12, 768, 3072, 512),
             small_long = flops_row("opt-125m", 12, 768, 3072, 2048000),
             large_long = flops_row("opt-175b", 96, 12288, 49152, 2048000);
  EXPECT_NE(small_short.find("x1.0"), std::string::npos);  // one segment costs the same
  EXPECT_NE(small_long.find("| 1.551e+17 | 5.447e+14 |"), std::string::npos) << small_long;
  for (const auto& row : {small_short, small_long, large_long})
    EXPECT_NE(flops.out.find(row), std::string::npos) << row << flops.out;
  // The paper reports x295 for OPT-125M and x29 for OPT-175B at 2,048,000 tokens.
  auto ratio = [](const std::string& row) { return std::stod(row.substr(row.rfind('x') + 1)); };
  EXPECT_NEAR(ratio(small_long), 295, 29.5);
  EXPECT_NEAR(ratio(large_long), 29, 2.9);
  const auto unknown = run_mnemo("rmt flops --model opt-2.7b");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown model 'opt-2.7b'"), std::string::npos) << unknown.err;

  const auto bench = run_mnemo(
      "rmt bench --config tiny --segments 2 --batch 2 --mode train --bptt recompute --repeats 1");
  ASSERT_EQ(bench.exit_code, 0) << bench.err;
  const auto json = nlohmann::json::parse(bench.out);
  EXPECT_EQ(json["segments"], 2);
  EXPECT_EQ(json["bptt"], "recompute");
  EXPECT_EQ(json["impl"], "mnemo");
  EXPECT_GT(json["tokens_per_s"].get<double>(), 0);
  EXPECT_GT(json["peak_rss_mb"].get<double>(), 0);
  EXPECT_EQ(std::count(bench.out.begin(), bench.out.end(), '\n'), 1);  // one JSON line

  for (const char* command : {"bench forward --config tiny --tokens 8 --repeats 1",
                              "bench sgemm --size 32 --repeats 1"}) {
    const auto timed = run_mnemo(command);
    ASSERT_EQ(timed.exit_code, 0) << command << timed.err;
    const auto line = nlohmann::json::parse(timed.out);
    EXPECT_GT(line["gflops"].get<double>(), 0) << command;
    EXPECT_TRUE(line.contains("seconds_median")) << command;
  }
}

}  // namespace
}  // namespace mnemo
