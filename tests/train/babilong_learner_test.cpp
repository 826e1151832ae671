// The decoder RMT's model directory and its curriculum training on BABILong-style samples.
#include "mnemo/train/babilong_learner.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/train/trainer.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;
using testing::write_text;

rmt::DecoderRmtModel tiny_decoder_rmt(const TaskWorld& world, uint64_t seed = 0) {
  torch::manual_seed(seed);
  auto config = nn::gpt2_geometry("tiny", world.tokenizer->vocab_size());
  config.n_embd = 32;
  config.n_positions = 64;
  config.eos_token_id = config.bos_token_id = text::end_of_text_id(*world.tokenizer);
  return {
      rmt::MemoryDecoder(nn::Gpt2LMHeadModel(config), 2, 24), world.tokenizer, {{"babi", {"qa1"}}}};
}

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
  const auto rmt = tiny_decoder_rmt(world);
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
  const auto rmt = tiny_decoder_rmt(world);
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

TEST(BabilongLearner, TrainsTheCurriculumAndResumesToTheSameWeights) {
  TaskWorld world;
  TrainSettings settings;
  settings.curriculum = {1, 2};
  settings.steps_per_stage = 4;
  settings.batch_size = 4;
  settings.micro_batch = 2;
  settings.learning_rate = 1e-3;
  settings.validate_every = 2;
  settings.validation_samples = 4;
  settings.target_accuracy = 2.0;
  settings.seed = 3;
  const auto task = qa1(world);
  auto straight = tiny_decoder_rmt(world);
  Trainer a(world.dir / "straight", std::make_shared<BabilongLearner>(straight, std::vector{task}),
            settings);
  a.start({});
  const auto state = a.run();
  EXPECT_TRUE(state.finished);
  ASSERT_EQ(state.stages.size(), 2u);
  const double accuracy = state.stages[1]["best_accuracy"].get<double>();
  EXPECT_GE(accuracy, 0.0);
  EXPECT_LE(accuracy, 1.0);
  const auto final_model = rmt::load_decoder_rmt(world.dir / "straight/model");

  // Stop after stage 1, then resume from the checkpoint in a fresh trainer.
  auto first = tiny_decoder_rmt(world);
  Trainer b(world.dir / "resumed", std::make_shared<BabilongLearner>(first, std::vector{task}),
            settings);
  b.start({});
  int stages_done = 0;
  struct Stop {};
  try {
    b.run([&](const TrainProgress& p) {
      if (p.event == TrainProgress::Event::stage_done && ++stages_done == 1) throw Stop{};
    });
  } catch (const Stop&) {
  }
  auto second = tiny_decoder_rmt(world, 99);  // other weights: resume must replace them all
  Trainer c(world.dir / "resumed", std::make_shared<BabilongLearner>(second, std::vector{task}),
            settings);
  c.resume();
  c.run();
  const auto resumed_model = rmt::load_decoder_rmt(world.dir / "resumed/model");
  EXPECT_TRUE(torch::allclose(logits_of(*resumed_model.model.ptr()),
                              logits_of(*final_model.model.ptr()), 1e-5, 1e-6));
}

}  // namespace
}  // namespace mnemo::train
