// mnemo lm train and lm eval end to end on a tiny world.
#include "mnemo/io/json_file.h"
#include "task_world.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

TEST(LmCli, TrainsKeepsStepModelsResumesAndEvaluates) {
  const TaskWorld world;
  const auto run = world.dir / "run";
  const std::string train = "lm train --data " + shell_quote(world.noise_file.string()) +
                            " --config tiny --tokenizer " +
                            shell_quote(world.tokenizer_dir.string()) +
                            " --memory 2 --segment-size 4 --curriculum 1 --steps 4 --batch 2 "
                            "--validate-every 2 --validation-samples 2 --keep-every 2 --out " +
                            shell_quote(run.string());
  const auto trained = run_mnemo(train);
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  EXPECT_TRUE(std::filesystem::exists(run / "step-000002/memory.safetensors"));
  EXPECT_TRUE(std::filesystem::exists(run / "step-000004/model.safetensors"));
  const auto again = run_mnemo(train);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  const auto resumed = run_mnemo("lm train --resume --out " + shell_quote(run.string()));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;

  const auto eval = run_mnemo("lm eval --json --segments 2 --windows 4 --model " +
                              shell_quote((run / "step-000004").string()) + " --data " +
                              shell_quote(world.noise_file.string()));
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const auto result = nlohmann::json::parse(eval.out);
  EXPECT_EQ(result["tokens"], 4 * (2 * 4 - 1));  // 4 windows of 2 segments of 4
  EXPECT_GT(result["perplexity"].get<double>(), 1.0);
  EXPECT_NEAR(std::exp(result["loss"].get<double>()), result["perplexity"].get<double>(), 1e-6);
}

}  // namespace
}  // namespace mnemo
