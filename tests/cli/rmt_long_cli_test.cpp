// The commands of long inputs and analysis: rmt run (streaming), attention, flops, bench.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "mnemo/rmt/rmt_checkpoint.h"
#include "task_world.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

TEST(RmtLongCli, RunStreamsFilesAndAnswersAsTheWholeInputWould) {
  const TaskWorld world;
  const auto run = world.dir / "run";
  const auto train =
      run_mnemo("rmt train --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) +
                " --noise " + shell_quote(world.noise_file) +
                " --curriculum 2 --steps 2 --bptt recompute --validate-every 2 "
                "--validation-samples 4 --batch 4 --out " +
                shell_quote(run));
  ASSERT_EQ(train.exit_code, 0) << train.err;

  const auto story = world.dir / "story.txt";
  testing::write_text(story, "Mary went to the kitchen.\n");
  const std::string question = "Where is Mary?";
  const auto answered = run_mnemo("rmt run --json --model " + shell_quote(run) + " --input " +
                                  shell_quote(story) + " --input " + shell_quote(world.noise_file) +
                                  " --question " + shell_quote(question));
  ASSERT_EQ(answered.exit_code, 0) << answered.err;
  const auto result = nlohmann::json::parse(answered.out);

  // The same tokens, whole, through the model's forward pass.
  auto model = rmt::load_rmt(run / "model");
  std::vector<int32_t> tokens;
  auto append = [&](const std::string& text) {
    for (const int64_t id : model.tokenizer->encode(text)) tokens.push_back(int32_t(id));
  };
  append("Mary went to the kitchen.");
  std::ifstream noise(world.noise_file);
  for (std::string line; std::getline(noise, line);) append(line);
  append(question);
  model.model->eval();
  torch::NoGradGuard no_grad;
  const auto probabilities = torch::softmax(model.model->forward({&tokens}).logits, 1)[0];

  EXPECT_EQ(result["tokens"], tokens.size());
  EXPECT_EQ(result["segments"], (tokens.size() + 50) / 51);  // tiny: 64 - 10 - 3 per segment
  const auto& labels = model.model->config().labels;
  for (size_t i = 0; i < labels.size(); ++i)
    EXPECT_NEAR(result["probabilities"][labels[i]].get<double>(),
                probabilities[int64_t(i)].item<double>(), 1e-5)
        << labels[i];
  EXPECT_EQ(result["answer"], labels[probabilities.argmax().item<int64_t>()]);

  const auto png = world.dir / "attention.png";
  const auto attention = run_mnemo("rmt attention --model " + shell_quote(run) + " --noise " +
                                   shell_quote(world.noise_file) +
                                   " --segments 3 --layer 1 --png " + shell_quote(png));
  ASSERT_EQ(attention.exit_code, 0) << attention.err;
  EXPECT_TRUE(fs::exists(png) && fs::file_size(png) > 1000);
  const auto bad_layer =
      run_mnemo("rmt attention --model " + shell_quote(run) + " --noise " +
                shell_quote(world.noise_file) + " --layer 7 --png " + shell_quote(png));
  EXPECT_EQ(bad_layer.exit_code, 1);
  EXPECT_NE(bad_layer.err.find("--layer 7: the model has 2 layers"), std::string::npos)
      << bad_layer.err;
}

TEST(RmtLongCli, FlopsTableAndBenchJson) {
  const auto flops = run_mnemo("rmt flops --model opt-125m --model opt-175b --lengths 512,2048000");
  ASSERT_EQ(flops.exit_code, 0) << flops.err;
  EXPECT_NE(flops.out.find("| opt-125m | 2048000 |"), std::string::npos) << flops.out;
  EXPECT_NE(flops.out.find("x284.8"), std::string::npos) << flops.out;
  const auto unknown = run_mnemo("rmt flops --model opt-2.7b");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown model 'opt-2.7b'"), std::string::npos) << unknown.err;

  const auto bench = run_mnemo(
      "rmt bench --config tiny --segments 2 --batch 2 --mode train --bptt recompute --repeats 1");
  ASSERT_EQ(bench.exit_code, 0) << bench.err;
  const auto json = nlohmann::json::parse(bench.out);
  EXPECT_EQ(json["segments"], 2);
  EXPECT_EQ(json["bptt"], "recompute");
  EXPECT_GT(json["tokens_per_s"].get<double>(), 0);
  EXPECT_GT(json["peak_rss_mb"].get<double>(), 0);
}

}  // namespace
}  // namespace mnemo
