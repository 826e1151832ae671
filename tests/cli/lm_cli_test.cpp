// mnemo lm train and lm eval on the command line: flags, exit codes, what they print. What
// training and evaluation compute is tested on the library (tests/train/lm_training_test.cpp).
#include "mnemo/io/json_file.h"
#include "task_world.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

TEST(LmCli, TrainsResumesAndEvaluates) {
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
  EXPECT_NE(trained.out.find("| stage | segments | steps |"), std::string::npos) << trained.out;
  EXPECT_NE(trained.out.find("| 1 | 1 | 4 |"), std::string::npos) << trained.out;
  EXPECT_NE(trained.out.find("model: " + (run / "model").string() + "\n"), std::string::npos)
      << trained.out;
  const auto again = run_mnemo(train);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  const auto resumed = run_mnemo("lm train --resume --out " + shell_quote(run.string()));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming"), std::string::npos) << resumed.err;

  const std::string eval = "lm eval --segments 2 --windows 4 --model " +
                           shell_quote((run / "step-000004").string()) + " --data " +
                           shell_quote(world.noise_file.string());
  const auto json = run_mnemo(eval + " --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto result = nlohmann::json::parse(json.out);
  for (const char* key : {"model", "segments", "windows", "tokens", "loss", "perplexity"})
    EXPECT_TRUE(result.contains(key)) << key;
  EXPECT_EQ(result["windows"], 4);
  const auto text = run_mnemo(eval);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.rfind("perplexity ", 0), 0u) << text.out;
  EXPECT_NE(text.out.find(" nats over 28 tokens, 4 windows of 2 segments)\n"), std::string::npos)
      << text.out;

  const auto no_data = run_mnemo("lm eval --model " + shell_quote(run.string()));
  EXPECT_NE(no_data.exit_code, 0);
  EXPECT_NE(no_data.err.find("--data"), std::string::npos) << no_data.err;
}

}  // namespace
}  // namespace mnemo
