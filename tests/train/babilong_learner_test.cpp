// The decoder RMT's model directory and its curriculum training on BABILong-style samples.
#include "mnemo/train/babilong_learner.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/tasks/babilong_tasks.h"
#include "mnemo/train/trainer.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;
using testing::write_text;

std::shared_ptr<const tasks::BabilongGenerator> qa1(const TaskWorld& world) {
  std::string text;
  const char* places[] = {"bathroom", "hallway", "garden", "office"};
  for (int story = 0; story < 12; ++story)
    text += "1 Mary moved to the " + std::string(places[story % 4]) + ".\n2 Where is Mary? \t" +
            places[story % 4] + "\t1\n";
  write_text(world.dir / "qa1.txt", text);
  return std::make_shared<tasks::BabilongGenerator>("qa1", tasks::read_babi(world.dir / "qa1.txt"),
                                                    world.tokenizer, world.noise);
}

torch::Tensor logits_of(rmt::MemoryDecoderImpl& model) {
  torch::NoGradGuard no_grad;
  model.eval();
  const auto ids = torch::arange(10, 40, torch::kLong).view({1, -1});
  return model.lm->logits(model.hidden_states(ids, torch::ones_like(ids)));
}

TEST(DecoderCheckpoint, SavesAndLoadsTheSameModel) {
  TaskWorld world;
  const auto rmt = world.tiny_decoder_rmt();
  {
    io::AtomicDirectory out(world.dir / "model");
    rmt::save_decoder_rmt(out, rmt);
    out.commit();
  }
  const auto loaded = rmt::load_decoder_rmt(world.dir / "model");
  EXPECT_EQ(loaded.model->memory_size(), 2);
  EXPECT_EQ(loaded.model->segment_size(), 24);
  EXPECT_TRUE(torch::equal(loaded.model->memory, rmt.model->memory));
  EXPECT_TRUE(torch::allclose(logits_of(*loaded.model.ptr()), logits_of(*rmt.model.ptr())));
  // The GPT-2 files alone are a plain GPT-2 directory.
  EXPECT_NO_THROW(nn::load_gpt2(world.dir / "model"));
}

TEST(DecoderCheckpoint, WrongArchitectureAndMemoryShapeAreClearErrors) {
  TaskWorld world;
  {
    io::AtomicDirectory out(world.dir / "encoder");
    rmt::save_rmt(out, world.tiny_rmt());
    out.commit();
  }
  try {
    rmt::load_decoder_rmt(world.dir / "encoder");
    FAIL() << "an encoder RMT loaded as a decoder";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("encoder RMT"), std::string::npos) << e.what();
  }
  const auto rmt = world.tiny_decoder_rmt();
  {
    io::AtomicDirectory out(world.dir / "decoder");
    rmt::save_decoder_rmt(out, rmt);
    out.commit();
  }
  io::save_safetensors(world.dir / "decoder/memory.safetensors",
                       {{"memory", torch::zeros({3, 32})}});
  try {
    rmt::load_decoder_rmt(world.dir / "decoder");
    FAIL() << "a memory of the wrong shape loaded";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("memory.safetensors"), std::string::npos) << e.what();
  }
  try {
    rmt::load_rmt(world.dir / "decoder");
    FAIL() << "a decoder RMT loaded as an encoder";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is a decoder RMT"), std::string::npos) << e.what();
  }
}

TrainSettings two_stages() {
  TrainSettings settings;
  settings.curriculum = {1, 2};
  settings.steps_per_stage = 4;
  settings.batch_size = 4;
  settings.micro_batch = 2;
  settings.learning_rate = 1e-3;
  settings.validate_every = 2;
  settings.validation_samples = 4;
  settings.stop_at_target = false;
  settings.seed = 3;
  return settings;
}

// The validation set of a stage of `segments`, as the Trainer draws it (its stream 2).
tasks::SampleSet validation_set(const TrainSettings& settings, int64_t segments) {
  return {tasks::Split::validation, settings.seed, 2, segments, settings.validation_samples};
}

TEST(BabilongLearner, TrainsTheCurriculumAndResumesToTheSameWeights) {
  TaskWorld world;
  const auto settings = two_stages();
  const auto task = qa1(world);
  auto straight = world.tiny_decoder_rmt();
  Trainer a(world.dir / "straight", std::make_shared<BabilongLearner>(straight, std::vector{task}),
            settings);
  a.start({});
  const auto state = a.run();
  EXPECT_TRUE(state.finished);
  ASSERT_EQ(state.stages.size(), 2u);
  EXPECT_EQ(state.stages[0]["steps"], 4);  // no early stop: each stage spends its budget
  EXPECT_EQ(state.stages[1]["steps"], 4);
  // The final model is the best of stage 2, and scores again what its validation recorded.
  const auto final_model = rmt::load_decoder_rmt(world.dir / "straight/model");
  BabilongLearner rescoring(final_model, {task});
  EXPECT_DOUBLE_EQ(rescoring.accuracy(validation_set(settings, 2), settings).fraction(),
                   state.stages[1]["best_accuracy"].get<double>());

  // Stopped at the first step of stage 2, once stage 1's end is checkpointed.
  auto first = world.tiny_decoder_rmt();
  Trainer b(world.dir / "resumed", std::make_shared<BabilongLearner>(first, std::vector{task}),
            settings);
  b.start({});
  struct Stop {};
  bool stopped = false;
  try {
    b.run([&](const TrainProgress& p) {
      if (p.stage == 1 && p.event == TrainProgress::Event::step) throw Stop{};
    });
  } catch (const Stop&) {
    stopped = true;
  }
  ASSERT_TRUE(stopped);
  const auto checkpoint = TrainState::from_json(
      io::read_json_file(world.dir / "resumed/checkpoint/state.json"), "state.json");
  EXPECT_EQ(checkpoint.stage, 1u);  // stage 2 under way ...
  EXPECT_EQ(checkpoint.step, 0);    // ... from its start
  EXPECT_FALSE(checkpoint.finished);
  ASSERT_EQ(checkpoint.stages.size(), 1u);  // stage 1 finished
  for (const char* field : {"steps", "best_accuracy", "best_step"})
    EXPECT_EQ(checkpoint.stages[0][field], state.stages[0][field]) << field;
  EXPECT_TRUE(fs::exists(world.dir / "resumed/stage-1"));
  EXPECT_FALSE(fs::exists(world.dir / "resumed/model"));

  auto second = world.tiny_decoder_rmt(99);  // other weights: resume must replace them all
  Trainer c(world.dir / "resumed", std::make_shared<BabilongLearner>(second, std::vector{task}),
            settings);
  c.resume();
  const auto resumed_state = c.run();
  ASSERT_EQ(resumed_state.stages.size(), 2u);
  EXPECT_EQ(resumed_state.stages[1]["best_accuracy"], state.stages[1]["best_accuracy"]);
  EXPECT_EQ(resumed_state.stages[1]["best_step"], state.stages[1]["best_step"]);
  const auto resumed_model = rmt::load_decoder_rmt(world.dir / "resumed/model");
  EXPECT_TRUE(torch::allclose(logits_of(*resumed_model.model.ptr()),
                              logits_of(*final_model.model.ptr()), 1e-5, 1e-6));
}

TEST(BabilongLearner, CountsASampleRightOnlyWhenTheModelWritesItsAnswer) {
  TaskWorld world;
  // Every story has the same answer, which a tiny model learns to write in a few steps.
  std::string text;
  for (int story = 0; story < 12; ++story)
    text += "1 Mary moved to the office.\n2 Where is Mary? \toffice\t1\n";
  write_text(world.dir / "qa1.txt", text);
  const std::shared_ptr<const tasks::BabilongGenerator> task =
      std::make_shared<tasks::BabilongGenerator>("qa1", tasks::read_babi(world.dir / "qa1.txt"),
                                                 world.tokenizer, world.noise);
  TrainSettings settings;
  settings.curriculum = {2};
  settings.steps_per_stage = 400;
  settings.batch_size = 4;
  settings.learning_rate = 3e-3;
  settings.validate_every = 20;
  settings.validation_samples = 8;
  settings.target_accuracy = 1.0;  // stops as soon as every validation answer is right
  auto rmt = world.tiny_decoder_rmt();
  const auto learner = std::make_shared<BabilongLearner>(rmt, std::vector{task});
  // An untrained model writes other tokens than "office [SEP]".
  EXPECT_EQ(learner->accuracy(validation_set(settings, 2), settings).right, 0.0);
  Trainer trainer(world.dir / "run", learner, settings);
  trainer.start({});
  const auto state = trainer.run();
  EXPECT_EQ(state.stages[0]["best_accuracy"].get<double>(), 1.0) << state.stages[0].dump();
  EXPECT_LT(state.stages[0]["steps"].get<int64_t>(), 400);
  // The model answers with greedy generation too.
  const auto sample = tasks::evaluation_sample(*task, 1, learner->input_tokens(2), 0);
  const auto tokens = tasks::qa_tokens(sample, *world.tokenizer);
  lm::GenerationOptions greedy;
  greedy.max_new_tokens = 2;
  EXPECT_EQ(rmt.model->continue_text(tokens.prompt, greedy), tokens.answer);
}

}  // namespace
}  // namespace mnemo::train
