#include "mnemo/eval/rmt_evaluation.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "task_world.h"

namespace mnemo::eval {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;

// A model that answers `label` whatever it reads, saved as a run's model/.
fs::path always_answering(const TaskWorld& world, const std::string& label) {
  torch::manual_seed(0);
  auto rmt = world.tiny_rmt(2, 16);  // 11 input tokens a segment
  const auto& labels = rmt.model->config().labels;
  const int64_t row = std::find(labels.begin(), labels.end(), label) - labels.begin();
  {
    torch::NoGradGuard no_grad;
    rmt.model->classifier->weight.zero_();
    rmt.model->classifier->bias.zero_();
    rmt.model->classifier->bias[row] = 10.0;
  }
  const auto run = world.dir / "run";
  testing::save_rmt_dir(rmt, run / "model");
  return run;
}

// bAbI questions whose every answer is `answer`.
fs::path questions_answered(const TaskWorld& world, const std::string& answer) {
  const auto file = world.dir / (answer + ".txt");
  std::string text;
  for (const char* name : {"Mary", "John", "Daniel"})
    text += std::string("1 ") + name + " moved to the " + answer + ".\n2 Where is " + name +
            "? \t" + answer + "\t1\n";
  testing::write_text(file, text);
  return file;
}

TEST(RmtEvaluation, CountsAnswersRowByRowForEveryModelAndLength) {
  const TaskWorld world;
  const auto run = always_answering(world, "bathroom");
  RmtEvalSettings settings;
  settings.models = {run.string(), (run / "model").string()};
  settings.task.noise = {world.noise_file.string()};
  settings.segments = "1,3";
  settings.samples = 5;
  settings.batch = 2;
  settings.task.babi_file = questions_answered(world, "bathroom").string();
  int updates = 0;
  Progress progress;
  progress.on_update = [&](double done, double total, const std::string& status, bool) {
    ++updates;
    EXPECT_LE(done, total);
    EXPECT_NE(status.find(" segments ("), std::string::npos) << status;
  };
  const auto rows = evaluate_rmt(settings, progress);
  EXPECT_EQ(updates, 2 * 2 * 3);  // 2 models x 2 lengths x 3 batches of at most 2
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].model, run.string());
  EXPECT_EQ(rows[0].segments, 1);
  EXPECT_EQ(rows[0].tokens, 11);
  EXPECT_EQ(rows[1].segments, 3);
  EXPECT_EQ(rows[1].tokens, 33);
  EXPECT_EQ(rows[2].model, (run / "model").string());
  for (const auto& row : rows) {
    EXPECT_EQ(row.n, 5);
    EXPECT_EQ(row.correct, 5);  // every answer is bathroom
  }

  settings.task.babi_file = questions_answered(world, "kitchen").string();
  for (const auto& row : evaluate_rmt(settings)) EXPECT_EQ(row.correct, 0);

  settings.segments = "0";
  EXPECT_NE(testing::error_of([&] { evaluate_rmt(settings); }).find("--segments: '0'"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::eval
