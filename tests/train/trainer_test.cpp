#include "mnemo/train/trainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/train/encoder_learner.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;

TrainSettings small_settings() {
  TrainSettings settings;
  settings.curriculum = {1, 2};
  settings.steps_per_stage = 6;
  settings.batch_size = 4;
  settings.micro_batch = 2;
  settings.learning_rate = 1e-3;
  settings.validate_every = 3;
  settings.validation_samples = 8;
  settings.checkpoint_every = 2;
  settings.stop_at_target = false;  // every stage spends its budget
  settings.seed = 7;
  return settings;
}

std::unique_ptr<Trainer> new_trainer(const TaskWorld& world, const fs::path& dir,
                                     const TrainSettings& settings,
                                     rmt::RmtModel* model = nullptr) {
  torch::manual_seed(0);
  auto rmt = world.tiny_rmt(2, 16);
  if (model) *model = rmt;
  auto task = std::make_shared<tasks::TaskGenerator>(world.generator(tasks::TaskSpec{}));
  return std::make_unique<Trainer>(dir, std::make_shared<EncoderLearner>(rmt, task), settings);
}

struct Interrupted : std::exception {};

TEST(Trainer, RunsTheCurriculumAndWritesModelsLogAndCheckpoint) {
  const TaskWorld world;
  const auto dir = world.dir / "run";
  auto trainer = new_trainer(world, dir, small_settings());
  trainer->start({{"note", "test"}});
  const auto state = trainer->run();
  EXPECT_TRUE(state.finished);
  ASSERT_EQ(state.stages.size(), 2u);
  EXPECT_EQ(state.stages[1]["segments"], 2);
  for (const char* path : {"run.json", "stage-1/rmt.json", "stage-2/rmt.json", "model/rmt.json",
                           "checkpoint/optimizer.pt", "checkpoint/state.json"})
    EXPECT_TRUE(fs::exists(dir / path)) << path;
  std::ifstream log(dir / "log.jsonl");
  int lines = 0;
  for (std::string line; std::getline(log, line); ++lines) {
    const auto entry = nlohmann::json::parse(line);
    EXPECT_TRUE(entry.contains("accuracy"));
  }
  EXPECT_EQ(lines, 4);  // steps 3 and 6 of two stages
  EXPECT_EQ(Trainer::read_run(dir).second["note"], "test");
  // A second start in the same directory is refused rather than mixing two runs.
  EXPECT_THROW(new_trainer(world, dir, small_settings())->start({}), Error);
}

TEST(Trainer, ResumeAfterAKillEndsExactlyWhereAnUninterruptedRunEnds) {
  const TaskWorld world;
  const auto settings = small_settings();
  rmt::RmtModel straight_model;
  auto straight = new_trainer(world, world.dir / "straight", settings, &straight_model);
  straight->start({});
  straight->run();

  // Killed at stage 1, step 5: the last checkpoint is step 4, which resume continues from.
  auto killed = new_trainer(world, world.dir / "killed", settings);
  killed->start({});
  EXPECT_THROW(killed->run([](const TrainProgress& p) {
    if (p.stage == 0 && p.step == 5) throw Interrupted();
  }),
               Interrupted);
  rmt::RmtModel resumed_model;
  auto resumed = new_trainer(world, world.dir / "killed", settings, &resumed_model);
  resumed->resume();
  EXPECT_EQ(resumed->state().step, 4);
  resumed->run();

  const auto expected = straight_model.model->named_parameters();
  const auto actual = resumed_model.model->named_parameters();
  for (const auto& item : expected)
    EXPECT_TRUE(item.value().equal(actual[item.key()])) << item.key();
}

TEST(Trainer, NanLossStopsWithTheLastGoodCheckpointIntact) {
  const TaskWorld world;
  auto settings = small_settings();
  settings.learning_rate = 1e30;  // the first update blows the weights up to ~1e30
  settings.warmup_fraction = 0;
  settings.clip_value = 0;
  settings.checkpoint_every = 1;
  const auto dir = world.dir / "run";
  auto trainer = new_trainer(world, dir, settings);
  trainer->start({});
  try {
    trainer->run();
    FAIL() << "training went on through a NaN loss";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("NaN"), std::string::npos) << message;
    EXPECT_NE(message.find((dir / "checkpoint").string()), std::string::npos) << message;
  }
  // The checkpoint is whole, loads, and holds only finite numbers.
  const auto state =
      TrainState::from_json(io::read_json_file(dir / "checkpoint/state.json"), "state");
  const auto model = rmt::load_rmt(dir / "checkpoint");
  for (const auto& parameter : model.model->parameters())
    EXPECT_TRUE(torch::isfinite(parameter).all().item<bool>());
  EXPECT_FALSE(state.finished);
}

TEST(TrainSettings, ScheduleWarmsUpThenDecaysToZero) {
  TrainSettings settings;
  settings.steps_per_stage = 100;
  settings.learning_rate = 1.0;
  settings.warmup_fraction = 0.1;
  EXPECT_DOUBLE_EQ(settings.learning_rate_at(1), 0.1);
  EXPECT_DOUBLE_EQ(settings.learning_rate_at(10), 1.0);
  EXPECT_DOUBLE_EQ(settings.learning_rate_at(55), 0.5);
  EXPECT_DOUBLE_EQ(settings.learning_rate_at(100), 0.0);
  settings.batch_size = 6;
  settings.micro_batch = 4;
  EXPECT_THROW(settings.validate(), Error);
  const auto round_trip = TrainSettings::from_json(small_settings().to_json(), "run.json");
  EXPECT_EQ(round_trip.to_json(), small_settings().to_json());
}

}  // namespace
}  // namespace mnemo::train
