#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mnemo/rmt/rmt_checkpoint.h"
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
  const auto train = run_mnemo(
      "rmt train --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) + " --noise " +
      shell_quote(world.noise_file) +
      " --curriculum 1,2 --steps 4 --validate-every 2 --validation-samples 4 --batch 4 --out " +
      shell_quote(run));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("| 2 | 2 | "), std::string::npos) << train.out;
  EXPECT_TRUE(fs::exists(run / "model" / "rmt.json"));

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

  // Saved results drawn again later, e.g. two runs' curves in one picture.
  testing::write_text(world.dir / "results.json", eval.out);
  const auto replot = run_mnemo("rmt plot --results " + shell_quote(world.dir / "results.json") +
                                " --out " + shell_quote(world.dir / "again.png"));
  ASSERT_EQ(replot.exit_code, 0) << replot.err;
  EXPECT_TRUE(fs::exists(world.dir / "again.png"));

  const auto resumed = run_mnemo("rmt train --resume --out " + shell_quote(run));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;

  testing::write_text(world.dir / "qa.txt",
                      "1 Mary moved to the bathroom.\n2 Where is Mary? \tbathroom\t1\n"
                      "1 Mary moved to the moon.\n2 Where is Mary? \tmoon\t1\n");
  const auto refused = run_mnemo("rmt eval --model " + shell_quote(run) + " --noise " +
                                 shell_quote(world.noise_file) + " --babi " +
                                 shell_quote(world.dir / "qa.txt") + " --segments 1 --samples 2");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("qa.txt:4: answer 'moon'"), std::string::npos) << refused.err;

  // The next step of a curriculum: with the same answers (here a bAbI file's, which come
  // sorted) the memory rows and head go on, each answer's head row with it; with others
  // only the backbone, the vocabulary not grown by a second set of memory rows.
  const auto next_step = [&](const std::string& name, const std::string& task) {
    return run_mnemo("rmt train --init " + shell_quote(run / "model") + task + " --noise " +
                     shell_quote(world.noise_file) +
                     " --curriculum 2 --steps 1 --lr 1e-12 --validate-every 1 "
                     "--validation-samples 2 --batch 2 --out " +
                     shell_quote(world.dir / name));
  };
  std::string every_place;
  for (const auto& place : tasks::place_labels())
    every_place += "1 Mary moved to the " + place + ".\n2 Where is Mary? \t" + place + "\t1\n";
  testing::write_text(world.dir / "places.txt", every_place);
  auto first = rmt::load_rmt(run / "model");
  const auto same =
      next_step("same", " --task babi --babi " + shell_quote(world.dir / "places.txt"));
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.err.find("backbone, memory rows and answer head"), std::string::npos) << same.err;
  auto continued = rmt::load_rmt(world.dir / "same" / "model");
  EXPECT_TRUE(torch::allclose(continued.model->initial_memory(1), first.model->initial_memory(1)));
  const auto& labels = continued.model->config().labels;
  ASSERT_NE(labels, first.model->config().labels);
  for (size_t row = 0; row < labels.size(); ++row) {
    const auto& was = first.model->config().labels;
    const int64_t first_row = std::find(was.begin(), was.end(), labels[row]) - was.begin();
    EXPECT_TRUE(torch::allclose(continued.model->classifier->weight[row],
                                first.model->classifier->weight[first_row]))
        << labels[row];
  }
  const auto other = next_step("other", " --task babi --babi " + shell_quote(world.dir / "qa.txt"));
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.err.find("new memory rows and head: other answers"), std::string::npos)
      << other.err;
  auto backbone_only = rmt::load_rmt(world.dir / "other" / "model");
  EXPECT_EQ(backbone_only.model->bert->config().vocab_size, first.model->bert->config().vocab_size);
  EXPECT_FALSE(
      torch::allclose(backbone_only.model->initial_memory(1), first.model->initial_memory(1)));

  const auto no_run = run_mnemo("rmt train --resume --out " + shell_quote(world.dir / "nothing"));
  EXPECT_EQ(no_run.exit_code, 1);
  EXPECT_NE(no_run.err.find("no run.json"), std::string::npos) << no_run.err;

  const auto negative_target =
      run_mnemo("rmt train --config tiny --target-acc -1 --out " + shell_quote(world.dir / "x"));
  EXPECT_NE(negative_target.exit_code, 0);
  EXPECT_NE(negative_target.err.find("--target-acc: must be positive, got -1"), std::string::npos)
      << negative_target.err;
  EXPECT_LT(negative_target.err.size(), 200u) << negative_target.err;
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
