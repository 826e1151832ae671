#include "mnemo/train/rmt_training.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>

#include "mnemo/io/json_file.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;

// A new tiny run in world.dir/name: curriculum 1,2 of 4 steps each.
RmtTrainSettings tiny_run(const TaskWorld& world, const std::string& name) {
  RmtTrainSettings settings;
  settings.task.noise = {world.noise_file.string()};
  settings.start.geometry = "tiny";
  settings.start.tokenizer = world.tokenizer_dir.string();
  settings.start.memory_size = 2;
  settings.start.segment_size = 16;  // 11 input tokens a segment
  settings.curriculum = "1,2";
  auto& s = settings.settings;
  s.steps_per_stage = 4;
  s.validate_every = 2;
  s.validation_samples = 4;
  s.batch_size = 4;
  s.seed = 3;
  settings.out = (world.dir / name).string();
  return settings;
}

TEST(RmtTraining, ANewRunRecordsItsTaskAndResumesFromItsOwnSettings) {
  const TaskWorld world;
  auto settings = tiny_run(world, "run");
  testing::RecordedNotes notes;
  const auto result = train_rmt(settings, notes.progress());
  EXPECT_TRUE(result.state.finished);
  ASSERT_EQ(result.state.stages.size(), 2u);
  EXPECT_EQ(result.model, world.dir / "run" / "model");
  EXPECT_TRUE(fs::exists(result.model / "rmt.json"));
  EXPECT_TRUE(notes.has("reading noise from 1 file(s)"));
  EXPECT_TRUE(
      notes.has("task memorize, curriculum 1 2 segments of 11 tokens (segment 16, "
                "memory 2), batch 4, lr 0.0001"));
  const auto about = io::read_json_file(world.dir / "run" / "run.json")["about"];
  EXPECT_EQ(about["geometry"], "tiny");
  EXPECT_EQ(about["task"]["task"], "memorize");
  EXPECT_EQ(about["noise"][0], fs::absolute(world.noise_file).string());
  EXPECT_TRUE(about["init"].is_null());

  // Resuming reads nothing but the run directory: these settings are not even parsed.
  RmtTrainSettings resume;
  resume.out = settings.out;
  resume.resume = true;
  resume.curriculum = "not counts";
  resume.task.noise = {"missing.txt"};
  testing::RecordedNotes resumed_notes;
  const auto resumed = train_rmt(resume, resumed_notes.progress());
  EXPECT_TRUE(resumed_notes.has("resuming " + settings.out));
  EXPECT_EQ(resumed.state.stages, result.state.stages);

  // A second new run in the same directory is refused rather than mixing two runs.
  EXPECT_NE(testing::error_of([&] { train_rmt(settings); }).find("--resume"), std::string::npos);
  settings.out = (world.dir / "other").string();
  settings.curriculum = "2,0";
  EXPECT_NE(testing::error_of([&] { train_rmt(settings); }).find("--curriculum"),
            std::string::npos);
}

// stop_at_target = false (--full-budget): every stage spends its budget though its first
// validation already beats the target.
TEST(RmtTraining, FullBudgetSpendsEveryStageBudgetPastTheTarget) {
  const TaskWorld world;
  auto settings = tiny_run(world, "run");
  settings.curriculum = "1,1";
  auto& s = settings.settings;
  s.steps_per_stage = 6;
  s.validation_samples = 32;  // a random model of six answers scores about 1/6 on them
  s.target_accuracy = 0.01;
  s.stop_at_target = false;
  const auto state = train_rmt(settings).state;
  ASSERT_EQ(state.stages.size(), 2u);
  for (const auto& stage : state.stages) {
    EXPECT_EQ(stage["steps"], 6);
    EXPECT_GE(stage["best_accuracy"].get<double>(), s.target_accuracy);  // reached, yet went on
  }
  EXPECT_EQ(io::read_json_file(world.dir / "run" / "run.json")["settings"]["stop_at_target"],
            false);
}

// The memorize task at two segments: the fact opens the first segment, the question closes
// the second, and the answer (a place) appears nowhere in the second. A tiny RMT learns it
// from its memory alone: with the memory that the first segment wrote it answers nearly
// always; with the memory reset before the second segment, at chance (1/6 for even answers).
// Training on samples of 1 and 2 segments (mixed lengths) is what makes it quick: 12 seeds
// of this setup reached 98% in 75-375 steps (2-8 s on 2 cores).
TEST(RmtMemoryLearning, ATinyRmtCarriesTheFactAcrossTwoSegments) {
  const TaskWorld world;
  auto settings = tiny_run(world, "run");
  settings.start.memory_size = 6;
  settings.start.segment_size = 20;  // 11 input tokens a segment
  settings.curriculum = "2";
  auto& s = settings.settings;
  s.steps_per_stage = 600;
  s.batch_size = 16;
  s.learning_rate = 3e-3;
  s.validate_every = 25;
  s.validation_samples = 64;
  s.target_accuracy = 0.98;
  s.loss_all_segments = true;
  s.mixed_lengths = true;
  s.seed = 7;
  const auto result = train_rmt(settings);

  auto rmt = rmt::load_rmt(result.model);
  auto& model = *rmt.model;
  const auto& config = model.config();
  ASSERT_EQ(config.usable(), 11);
  const auto task = world.generator(tasks::TaskSpec{});  // memorize, as trained
  const int64_t n = 128;
  std::vector<tasks::Sample> samples;
  std::vector<const std::vector<int32_t>*> tokens;
  std::vector<int64_t> labels;
  for (int64_t i = 0; i < n; ++i) {
    auto random = tasks::Random::keyed({2024, static_cast<uint64_t>(i)});  // unseen samples
    samples.push_back(task.generate(random, tasks::Split::validation, 2, config.usable()));
  }
  for (const auto& sample : samples) {
    // The premise: the answer's word is in the first segment only, the question in the second.
    const auto answer = *world.tokenizer->token_id(config.labels[sample.label]);
    const auto middle = sample.tokens.begin() + config.usable();
    ASSERT_NE(std::find(sample.tokens.begin(), middle, answer), middle);
    ASSERT_EQ(std::find(middle, sample.tokens.end(), answer), sample.tokens.end());
    ASSERT_GE(sample.question_offset, static_cast<size_t>(config.usable()));
    tokens.push_back(&sample.tokens);
    labels.push_back(sample.label);
  }
  const auto truth = torch::tensor(labels, torch::kLong);
  model.eval();
  torch::NoGradGuard no_grad;
  const double with_memory =
      model.forward(tokens).logits.argmax(1).eq(truth).sum().item<double>() / n;
  const auto second = rmt::build_segment_batch(tokens, 1, 2, config);
  const double memory_reset =
      model.step(second, model.initial_memory(n)).logits.argmax(1).eq(truth).sum().item<double>() /
      n;
  // Without the memory the answer cannot depend on the fact: the best such guess scores the
  // share of the most common answer, give or take sampling noise (sd ~0.035 here).
  std::vector<int64_t> per_answer(config.labels.size());
  for (const auto label : labels) ++per_answer[label];
  const double most_common =
      static_cast<double>(*std::max_element(per_answer.begin(), per_answer.end())) / n;
  EXPECT_GE(with_memory, 0.9);
  EXPECT_LE(memory_reset, most_common + 0.15) << "most common answer: " << most_common;
  EXPECT_LE(memory_reset, 0.5);
}

}  // namespace
}  // namespace mnemo::train
