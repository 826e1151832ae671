#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mnemo/io/json_file.h"
#include "task_world.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

TEST(RmtCli, TrainEvaluatePlotResumeAndRefuseUnknownAnswers) {
  const TaskWorld world;
  const auto run = world.dir / "run";
  // --full-budget: every stage spends its 4 steps, whatever its validation accuracy.
  const auto train =
      run_mnemo("rmt train --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) +
                " --noise " + shell_quote(world.noise_file) +
                " --curriculum 1,2 --steps 4 --validate-every 2 --validation-samples 4 --batch 4 "
                "--full-budget --out " +
                shell_quote(run));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("| 1 | 1 | 4 | "), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("| 2 | 2 | 4 | "), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("model: " + (run / "model").string() + "\n"), std::string::npos)
      << train.out;
  EXPECT_TRUE(fs::exists(run / "model" / "rmt.json"));
  EXPECT_EQ(io::read_json_file(run / "run.json")["settings"]["stop_at_target"], false);

  const auto png = world.dir / "accuracy.png";
  const auto eval = run_mnemo("rmt eval --model " + shell_quote(run) + " --noise " +
                              shell_quote(world.noise_file) +
                              " --segments 1-3 --samples 5 --json --plot " + shell_quote(png));
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const auto results = nlohmann::json::parse(eval.out)["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[2]["segments"], 3);
  EXPECT_EQ(results[2]["tokens"], 3 * (64 - 10 - 3));
  EXPECT_EQ(results[2]["n"], 5);
  EXPECT_TRUE(fs::exists(png) && fs::file_size(png) > 1000) << eval.err;
  const auto table = run_mnemo("rmt eval --model " + shell_quote(run) + " --noise " +
                               shell_quote(world.noise_file) + " --segments 2 --samples 3");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("| model |", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("| " + run.string() + " | 2 | 102 | "), std::string::npos) << table.out;

  // Saved results drawn again later, e.g. two runs' curves in one picture.
  testing::write_text(world.dir / "results.json", eval.out);
  const auto replot = run_mnemo("rmt plot --results " + shell_quote(world.dir / "results.json") +
                                " --out " + shell_quote(world.dir / "again.png"));
  ASSERT_EQ(replot.exit_code, 0) << replot.err;
  EXPECT_EQ(replot.out, "wrote " + (world.dir / "again.png").string() + "\n");
  EXPECT_TRUE(fs::exists(world.dir / "again.png"));

  const auto resumed = run_mnemo("rmt train --resume --out " + shell_quote(run));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("| 2 | 2 | 4 | "), std::string::npos) << resumed.out;

  testing::write_text(world.dir / "qa.txt",
                      "1 Mary moved to the bathroom.\n2 Where is Mary? \tbathroom\t1\n"
                      "1 Mary moved to the moon.\n2 Where is Mary? \tmoon\t1\n");
  const auto refused = run_mnemo("rmt eval --model " + shell_quote(run) + " --noise " +
                                 shell_quote(world.noise_file) + " --babi " +
                                 shell_quote(world.dir / "qa.txt") + " --segments 1 --samples 2");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("qa.txt:4: answer 'moon'"), std::string::npos) << refused.err;

  // The next step of a curriculum starts from the model directory (what goes on with it is
  // tests/rmt/warm_start_test.cpp's).
  const auto next_step = run_mnemo(
      "rmt train --init " + shell_quote(run / "model") + " --noise " +
      shell_quote(world.noise_file) +
      " --curriculum 2 --steps 1 --lr 1e-12 --validate-every 1 --validation-samples 2 --batch 2 "
      "--out " +
      shell_quote(world.dir / "next"));
  ASSERT_EQ(next_step.exit_code, 0) << next_step.err;
  EXPECT_NE(next_step.err.find("backbone, memory rows and answer head"), std::string::npos)
      << next_step.err;
  EXPECT_TRUE(fs::exists(world.dir / "next" / "model" / "rmt.json"));

  const auto no_run = run_mnemo("rmt train --resume --out " + shell_quote(world.dir / "nothing"));
  EXPECT_EQ(no_run.exit_code, 1);
  EXPECT_NE(no_run.err.find("no run.json"), std::string::npos) << no_run.err;

  const auto negative_target =
      run_mnemo("rmt train --config tiny --target-acc -1 --out " + shell_quote(world.dir / "x"));
  EXPECT_NE(negative_target.exit_code, 0);
  EXPECT_NE(negative_target.err.find("--target-acc: must lie in (0, 1], got -1"), std::string::npos)
      << negative_target.err;
  EXPECT_LT(negative_target.err.size(), 200u) << negative_target.err;
  // A target and "no early stop" contradict each other.
  const auto both = run_mnemo("rmt train --config tiny --target-acc 0.5 --full-budget --out " +
                              shell_quote(world.dir / "x"));
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
  EXPECT_FALSE(fs::exists(world.dir / "x"));
  const auto not_a_number =
      run_mnemo("rmt eval --model " + shell_quote(world.tokenizer_dir) + " --samples many");
  EXPECT_NE(not_a_number.err.find("--samples: 'many' is not a number"), std::string::npos)
      << not_a_number.err;
}

TEST(RmtCli, PretrainABackboneThenStartAnRmtFromIt) {
  const TaskWorld world;
  const auto backbone = world.dir / "backbone";
  const auto pretrain =
      run_mnemo("bert pretrain --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) +
                " --data " + shell_quote(world.noise_file) +
                " --steps 2 --batch 2 --sequence-length 32 --out " + shell_quote(backbone));
  ASSERT_EQ(pretrain.exit_code, 0) << pretrain.err;
  const auto again =
      run_mnemo("bert pretrain --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) +
                " --data " + shell_quote(world.noise_file) + " --out " + shell_quote(backbone));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;

  const auto train = run_mnemo("rmt train --init " + shell_quote(backbone) + " --noise " +
                               shell_quote(world.noise_file) +
                               " --curriculum 1 --steps 2 --validate-every 2 "
                               "--validation-samples 2 --batch 2 --out " +
                               shell_quote(world.dir / "run"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_EQ(train.err.find("missing"), std::string::npos) << train.err;
  EXPECT_TRUE(fs::exists(world.dir / "run" / "model" / "rmt.json"));
}

}  // namespace
}  // namespace mnemo
