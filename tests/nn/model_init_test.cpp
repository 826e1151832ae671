// `bert init` and `gpt2 init` as library calls: random model directories of a geometry.
#include "mnemo/nn/model_init.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "task_world.h"

namespace mnemo::nn {
namespace {

using testing::TaskWorld;

TEST(ModelInit, BertDirectoriesOfAGeometryAndSeed) {
  const TaskWorld world;
  const auto tokenizer = world.tokenizer_dir.string();
  const auto made = init_bert({"tiny", tokenizer, (world.dir / "a").string(), 1});
  EXPECT_EQ(made.architecture, "BERT");
  EXPECT_EQ(made.layers, 2);
  EXPECT_EQ(made.width, 64);
  EXPECT_EQ(made.vocab_size, world.tokenizer->vocab_size());
  init_bert({"tiny", tokenizer, (world.dir / "b").string(), 1});
  init_bert({"tiny", tokenizer, (world.dir / "c").string(), 2});
  const auto a = load_bert(world.dir / "a"), b = load_bert(world.dir / "b"),
             c = load_bert(world.dir / "c");
  EXPECT_TRUE(a.report.missing.empty() && a.report.unexpected.empty()) << a.report.summary();
  EXPECT_EQ(a.model->config().vocab_size, world.tokenizer->vocab_size());
  const auto& weight = a.model->embeddings->word_embeddings->weight;
  EXPECT_TRUE(weight.equal(b.model->embeddings->word_embeddings->weight));
  EXPECT_FALSE(weight.equal(c.model->embeddings->word_embeddings->weight));
  // The tokenizer goes with the model.
  EXPECT_EQ(text::load_tokenizer(world.dir / "a")->vocab_size(), world.tokenizer->vocab_size());
}

TEST(ModelInit, Gpt2EndsTextsWithTheTokenizersEndOfText) {
  const TaskWorld world;
  const auto made =
      init_gpt2({"tiny", world.tokenizer_dir.string(), (world.dir / "gpt2").string(), 0});
  EXPECT_EQ(made.architecture, "GPT-2");
  EXPECT_EQ(made.layers, 2);
  EXPECT_EQ(made.width, 64);
  const auto model = load_complete_gpt2(world.dir / "gpt2");
  EXPECT_EQ(model->config().eos_token_id, text::end_of_text_id(*world.tokenizer));
  EXPECT_EQ(model->config().bos_token_id, text::end_of_text_id(*world.tokenizer));
  EXPECT_EQ(model->config().vocab_size, world.tokenizer->vocab_size());
}

}  // namespace
}  // namespace mnemo::nn
