// `lm train` and `lm eval` as library calls: a decoder RMT language model trained on text
// files, new and resumed, and its perplexity on held-out windows.
#include "mnemo/train/lm_training.h"

#include <gtest/gtest.h>

#include <cmath>

#include "mnemo/eval/lm_evaluation.h"
#include "mnemo/io/json_file.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::error_of;
using testing::TaskWorld;

LmTrainSettings tiny_lm_run(const TaskWorld& world) {
  LmTrainSettings options;
  options.data = {world.noise_file.string()};
  options.start.geometry = "tiny";
  options.start.tokenizer = world.tokenizer_dir.string();
  options.start.memory_size = 2;
  options.start.segment_size = 4;
  options.curriculum = "1";
  options.settings.steps_per_stage = 4;
  options.settings.batch_size = 2;
  options.settings.validate_every = 2;
  options.settings.validation_samples = 2;
  options.settings.keep_every = 2;
  options.out = (world.dir / "run").string();
  return options;
}

TEST(LmTraining, SpendsTheWholeBudgetKeepsStepModelsAndResumes) {
  const TaskWorld world;
  const auto options = tiny_lm_run(world);
  const auto result = train_language_model(options);
  ASSERT_EQ(result.state.stages.size(), 1u);
  EXPECT_EQ(result.state.stages[0]["steps"], 4);
  EXPECT_EQ(result.model, world.dir / "run" / "model");
  EXPECT_TRUE(fs::exists(world.dir / "run/step-000002/memory.safetensors"));
  EXPECT_TRUE(fs::exists(world.dir / "run/step-000004/model.safetensors"));
  // A language model trains its whole budget: no target stops it, none is pretended.
  const auto run = io::read_json_file(world.dir / "run/run.json");
  EXPECT_EQ(run["settings"]["stop_at_target"], false);
  EXPECT_LE(run["settings"]["target_accuracy"].get<double>(), 1.0);
  EXPECT_EQ(run["about"]["data"], nlohmann::json::array({fs::absolute(world.noise_file).string()}));

  EXPECT_NE(error_of([&] { train_language_model(options); }).find("--resume"), std::string::npos);
  LmTrainSettings resume;
  resume.out = options.out;
  resume.resume = true;
  const auto resumed = train_language_model(resume);  // a finished run stays as it was
  EXPECT_TRUE(resumed.state.finished);
  EXPECT_EQ(resumed.state.stages, result.state.stages);

  LmTrainSettings no_data = options;
  no_data.data.clear();
  no_data.out = (world.dir / "other").string();
  EXPECT_NE(error_of([&] { train_language_model(no_data); }).find("--data"), std::string::npos);
}

TEST(LmEvaluation, PerplexityOfHeldOutWindows) {
  const TaskWorld world;
  train_language_model(tiny_lm_run(world));
  eval::LmEvalSettings settings;
  settings.model = (world.dir / "run").string();  // a run directory stands for its model/
  settings.data = {world.noise_file.string()};
  settings.segments = 2;
  settings.windows = 4;
  const auto result = eval::evaluate_language_model(settings);
  EXPECT_EQ(result.tokens, 4 * (2 * 4 - 1));  // 4 windows of 2 segments of 4, less the first
  EXPECT_GT(result.perplexity, 1.0);
  EXPECT_NEAR(std::exp(result.loss), result.perplexity, 1e-9 * result.perplexity);
  const auto json = result.to_json();
  EXPECT_EQ(json["model"], settings.model);
  EXPECT_EQ(json["segments"], 2);
  EXPECT_EQ(json["tokens"], result.tokens);
  // The same seed draws the same windows; another seed other windows.
  EXPECT_EQ(eval::evaluate_language_model(settings).loss, result.loss);
  settings.seed = 2;
  EXPECT_NE(eval::evaluate_language_model(settings).loss, result.loss);
}

}  // namespace
}  // namespace mnemo::train
