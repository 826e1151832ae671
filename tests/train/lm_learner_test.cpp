// Language-model training of a decoder RMT: windows of text, perplexity, kept step models.
#include "mnemo/train/lm_learner.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/train/trainer.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;

rmt::DecoderRmtModel tiny_lm(const TaskWorld& world) {
  torch::manual_seed(0);
  auto config = nn::gpt2_geometry("tiny", world.tokenizer->vocab_size());
  config.n_embd = 32;
  config.n_positions = 32;
  return {rmt::MemoryDecoder(nn::Gpt2LMHeadModel(config), 2, 8), world.tokenizer, {}};
}

TEST(TokenText, WindowsStayInTheirPartAndTooShortAPartIsAClearError) {
  const TaskWorld world;
  const TokenText text({world.noise_file}, *world.tokenizer, 0.1);
  const size_t train = text.tokens(tasks::Split::train);
  const size_t validation = text.tokens(tasks::Split::validation);
  EXPECT_GT(train, 9 * validation - 10);
  EXPECT_GT(validation, 0u);
  auto random = tasks::Random::keyed({1});
  EXPECT_EQ(text.window(random, tasks::Split::train, 16).size(0), 16);
  try {
    text.window(random, tasks::Split::validation, static_cast<int64_t>(validation) + 1);
    FAIL() << "a window longer than the validation part";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("validation part"), std::string::npos) << e.what();
  }
}

TEST(LmLearner, TrainingLowersPerplexityAndKeepsStepModels) {
  const TaskWorld world;
  const auto text =
      std::make_shared<TokenText>(std::vector<fs::path>{world.noise_file}, *world.tokenizer, 0.1);
  auto rmt = tiny_lm(world);
  const tasks::SampleSet set{tasks::Split::validation, 1, 4, 2, 8};
  const double before = lm_perplexity(*rmt.model.ptr(), *text, set, 4).perplexity;
  TrainSettings settings;
  settings.curriculum = {2};
  settings.steps_per_stage = 30;
  settings.batch_size = 8;
  settings.learning_rate = 3e-3;
  settings.validate_every = 15;
  settings.validation_samples = 8;
  settings.stop_at_target = false;
  settings.keep_every = 10;
  Trainer trainer(world.dir / "run", std::make_shared<LmLearner>(rmt, text), settings);
  trainer.start({});
  trainer.run();
  const auto after = lm_perplexity(*rmt.model.ptr(), *text, set, 4);
  EXPECT_LT(after.perplexity, 0.5 * before) << "before " << before;
  EXPECT_EQ(after.tokens, 8 * (2 * 8 - 1));
  for (const char* step : {"step-000010", "step-000020", "step-000030"})
    EXPECT_NO_THROW(rmt::load_decoder_rmt(world.dir / "run" / step)) << step;
  EXPECT_FALSE(fs::exists(world.dir / "run/step-000040"));
}

}  // namespace
}  // namespace mnemo::train
