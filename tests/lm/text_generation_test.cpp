// `mnemo generate` as a library call: a GPT-2 model directory continuing a prompt.
#include "mnemo/lm/text_generation.h"

#include <gtest/gtest.h>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/model_init.h"
#include "task_world.h"

namespace mnemo::lm {
namespace {

using testing::error_of;
using testing::TaskWorld;
using testing::write_text;

std::string tiny_gpt2(const TaskWorld& world) {
  const auto out = (world.dir / "gpt2").string();
  nn::init_gpt2({"tiny", world.tokenizer_dir.string(), out, 3});
  return out;
}

TEST(TextGeneration, TheCacheChangesNothingAndTheTextComesInPieces) {
  const TaskWorld world;
  TextGenerationSettings settings;
  settings.model = tiny_gpt2(world);
  settings.prompt = "mary went to the";
  settings.max_new_tokens = 12;
  std::string streamed;
  const auto cached = generate_text(settings, [&](const std::string& piece) { streamed += piece; });
  settings.use_cache = false;
  const auto uncached = generate_text(settings);
  EXPECT_EQ(cached.tokens, uncached.tokens);
  EXPECT_EQ(cached.completion, uncached.completion);
  EXPECT_EQ(streamed, settings.prompt + cached.completion);
  EXPECT_EQ(cached.prompt_tokens, 4);  // mary went to the
  EXPECT_FALSE(cached.tokens.empty());
  // Without end of text, exactly the tokens asked for.
  if (!cached.ended_with_eos) EXPECT_EQ(cached.tokens.size(), 12u);
  for (const auto token : cached.tokens) EXPECT_NE(token, text::end_of_text_id(*world.tokenizer));
  EXPECT_EQ(cached.completion, world.tokenizer->decode(cached.tokens));
  const auto json = cached.to_json();
  EXPECT_EQ(json["tokens"], cached.tokens);
  EXPECT_EQ(json["prompt_tokens"], 4);
  EXPECT_DOUBLE_EQ(json["tokens_per_s"].get<double>(), cached.tokens.size() / cached.seconds);
}

TEST(TextGeneration, SamplingWithASeedGivesTheSameTextAgain) {
  const TaskWorld world;
  TextGenerationSettings settings;
  settings.model = tiny_gpt2(world);
  settings.prompt = "john";
  settings.max_new_tokens = 8;
  settings.sampling.sample = true;
  settings.sampling.temperature = 2.0;
  settings.sampling.seed = 5;
  EXPECT_EQ(generate_text(settings).tokens, generate_text(settings).tokens);
}

TEST(TextGeneration, ATokenizerLargerThanTheModelIsRefused) {
  const TaskWorld world;
  TextGenerationSettings settings;
  settings.model = tiny_gpt2(world);
  settings.prompt = "mary";
  std::string vocab = io::read_file(world.tokenizer_dir / "vocab.txt") + "extra\n";
  write_text(std::filesystem::path(settings.model) / "vocab.txt", vocab);
  const auto error = error_of([&] { generate_text(settings); });
  EXPECT_NE(
      error.find("the model's vocab_size is " + std::to_string(world.tokenizer->vocab_size())),
      std::string::npos)
      << error;
}

}  // namespace
}  // namespace mnemo::lm
