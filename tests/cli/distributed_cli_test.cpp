// Data-parallel training on torch.distributed (Gloo over loopback): ranks started by
// `mnemo launch` or, as torchrun and srun do, by whoever sets the variables.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/runtime/launch.h"
#include "task_world.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;

std::string train_arguments(const TaskWorld& world, int steps) {
  return "--threads 1 rmt train --config tiny --tokenizer " + shell_quote(world.tokenizer_dir) +
         " --noise " + shell_quote(world.noise_file) + " --curriculum 1,2 --steps " +
         std::to_string(steps) +
         " --batch 8 --micro-batch 4 --validate-every 2 --validation-samples 8 --full-budget";
}

// The largest difference between the parameters of two RMT model directories.
double max_difference(const fs::path& a, const fs::path& b) {
  const auto left = rmt::load_rmt(a).model->parameters();
  const auto right = rmt::load_rmt(b).model->parameters();
  EXPECT_EQ(left.size(), right.size());
  double largest = 0;
  for (size_t i = 0; i < left.size(); ++i)
    largest = std::max(largest, (left[i] - right[i]).abs().max().item<double>());
  return largest;
}

// The validation accuracies in a run's log.jsonl, in order.
std::vector<double> validation_accuracies(const fs::path& run) {
  std::vector<double> accuracies;
  std::ifstream log(run / "log.jsonl");
  for (std::string line; std::getline(log, line);)
    accuracies.push_back(nlohmann::json::parse(line)["accuracy"].get<double>());
  EXPECT_EQ(accuracies.size(), 4u) << run;  // 2 stages, validated every 2 of their 4 steps
  return accuracies;
}

TEST(DistributedCli, TwoRanksTrainWhatOneTrainsWithTheSameGlobalBatch) {
  const TaskWorld world;
  const auto one = world.dir / "one", two = world.dir / "two", other = world.dir / "other";
  const auto single = run_mnemo(train_arguments(world, 4) + " --seed 3 --out " + shell_quote(one));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const auto pair = run_mnemo("launch --nproc-per-node 2 -- " + train_arguments(world, 4) +
                              " --seed 3 --out " + shell_quote(two));
  ASSERT_EQ(pair.exit_code, 0) << pair.err;
  // Rank 0 alone prints results and progress; launch prefixes each line with its rank.
  EXPECT_NE(pair.out.find("[rank 0] model: " + (two / "model").string()), std::string::npos)
      << pair.out;
  EXPECT_EQ(pair.out.find("[rank 1]"), std::string::npos) << pair.out;
  EXPECT_NE(pair.err.find("[rank 0] "), std::string::npos) << pair.err;

  // Each rank took half of every batch of 8; the summed gradients are those of the whole.
  EXPECT_LT(max_difference(one / "model", two / "model"), 1e-5);
  EXPECT_LT(max_difference(one / "checkpoint", two / "checkpoint"), 1e-5);
  // Each rank validated half of the set; together they counted what one process counts.
  EXPECT_EQ(validation_accuracies(one), validation_accuracies(two));
  // ... where another seed's samples give another model.
  const auto reseeded =
      run_mnemo(train_arguments(world, 4) + " --seed 4 --out " + shell_quote(other));
  ASSERT_EQ(reseeded.exit_code, 0) << reseeded.err;
  EXPECT_GT(max_difference(one / "model", other / "model"), 1e-4);
}

TEST(DistributedCli, LaunchStopsAllRanksWithTheFailingStatus) {
  const TaskWorld world;
  const auto failed = run_mnemo("launch --nproc-per-node 2 -- rmt train --resume --out " +
                                shell_quote(world.dir / "nothing"));
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("[rank 0] mnemo: error: "), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("no run.json"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("mnemo launch: rank "), std::string::npos) << failed.err;

  const auto no_command = run_mnemo("launch --nproc-per-node 2");
  EXPECT_NE(no_command.exit_code, 0);
  EXPECT_NE(no_command.err.find("command is required"), std::string::npos) << no_command.err;
}

// Started as torchrun starts ranks; rank 1 is killed after the first checkpoint. Rank 0
// stops with an error at its next sum instead of waiting for ever, and one process resumes
// the run from the checkpoint the two wrote.
TEST(DistributedCli, ARankThatDiesStopsTheOtherAndOneProcessResumesTheRun) {
  const TaskWorld world;
  const auto run = world.dir / "run";
  const std::string mnemo = shell_quote(testing::mnemo_program().string());
  const std::string arguments = train_arguments(world, 60) + " --out " + shell_quote(run);
  const auto killed = testing::run_shell(
      "export WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=" +
      std::to_string(runtime::free_loopback_port()) + "\n" + "RANK=0 LOCAL_RANK=0 " + mnemo + " " +
      arguments + " & rank0=$!\n" + "RANK=1 LOCAL_RANK=1 " + mnemo + " " + arguments +
      " 2>/dev/null & rank1=$!\n" + "for i in $(seq 600); do [ -s " +
      shell_quote(run / "log.jsonl") +
      " ] && break; sleep 0.1; done\n"
      "kill -9 $rank1\n"
      "start=$(date +%s)\n"
      "wait $rank0; status=$?\n"
      "echo \"rank 0 exit $status after $(( $(date +%s) - start )) s\"\n");
  EXPECT_NE(killed.out.find("rank 0 exit 1 after "), std::string::npos) << killed.out << killed.err;
  const auto seconds = std::stoi(killed.out.substr(killed.out.find(" after ") + 7));
  EXPECT_LT(seconds, 60) << killed.out;
  EXPECT_NE(killed.err.find("rank 0 of 2: summing tensors over the ranks failed"),
            std::string::npos)
      << killed.err;

  const auto resumed = run_mnemo("--threads 1 rmt train --resume --out " + shell_quote(run));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("at stage 1, step "), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.err.find("at stage 1, step 0\n"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.out.find("| 2 | 2 | 60 | "), std::string::npos) << resumed.out;
}

}  // namespace
}  // namespace mnemo
