#include "mnemo/train/mlm_pretrainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

using testing::TaskWorld;

TEST(MaskTokens, FifteenPercentOfOrdinaryTokensSplitEightyTenTen) {
  text::SpecialTokens special;
  special.pad = 0;
  special.cls = 2;
  special.sep = 3;
  special.mask = 4;
  std::vector<std::vector<int64_t>> sequences;
  tasks::Random random(1);
  for (int row = 0; row < 400; ++row) {
    std::vector<int64_t> sequence = {2};
    for (int k = 0; k < 98; ++k) sequence.push_back(10 + static_cast<int64_t>(random.below(990)));
    sequence.push_back(3);
    sequences.push_back(sequence);
  }
  const auto batch = mask_tokens(sequences, special, 1000, 0.15, random);
  const int64_t chosen = batch.labels.size(0);
  EXPECT_NEAR(static_cast<double>(chosen) / (400 * 98), 0.15, 0.01);
  int64_t masked = 0, kept = 0;
  for (int64_t i = 0; i < chosen; ++i) {
    const int64_t row = batch.positions[i][0].item<int64_t>();
    const int64_t column = batch.positions[i][1].item<int64_t>();
    ASSERT_GT(column, 0);   // never [CLS]
    ASSERT_LT(column, 99);  // never [SEP]
    EXPECT_EQ(batch.labels[i].item<int64_t>(), sequences[row][column]);
    const int64_t now = batch.input_ids[row][column].item<int64_t>();
    masked += now == 4;
    kept += now == sequences[row][column];
  }
  EXPECT_NEAR(static_cast<double>(masked) / chosen, 0.8, 0.03);
  EXPECT_NEAR(static_cast<double>(kept) / chosen, 0.1, 0.03);  // + ~0.1% random hits
  // Positions not chosen are untouched.
  auto untouched = batch.input_ids.clone();
  untouched.index_put_({batch.positions.select(1, 0), batch.positions.select(1, 1)}, batch.labels);
  for (int row = 0; row < 400; ++row)
    EXPECT_TRUE(untouched[row].equal(torch::tensor(sequences[row], torch::kLong)));
}

nn::BertForMaskedLM tiny_mlm(const TaskWorld& world) {
  torch::manual_seed(0);
  auto config = nn::bert_geometry("tiny", world.tokenizer->vocab_size());
  config.max_position_embeddings = 32;
  return nn::BertForMaskedLM(nn::BertModel(config));
}

MlmSettings tiny_settings() {
  MlmSettings settings;
  settings.steps = 6;
  settings.batch_size = 4;
  settings.sequence_length = 32;
  settings.learning_rate = 1e-3;
  settings.save_every = 2;
  settings.validation_sequences = 8;
  return settings;
}

TEST(MlmPretrainer, SavesAHuggingFaceDirectoryThatResumesExactly) {
  const TaskWorld world;
  auto straight_model = tiny_mlm(world);
  MlmPretrainer straight(world.dir / "straight", straight_model, world.tokenizer, world.noise,
                         tiny_settings());
  straight.run();

  struct Interrupted : std::exception {};
  MlmPretrainer killed(world.dir / "killed", tiny_mlm(world), world.tokenizer, world.noise,
                       tiny_settings());
  EXPECT_THROW(killed.run([](const MlmProgress& p) {
    if (p.step == 3) throw Interrupted();
  }),
               Interrupted);
  auto resumed_model = nn::load_bert_mlm(world.dir / "killed");
  MlmPretrainer resumed(world.dir / "killed", resumed_model, world.tokenizer, world.noise,
                        tiny_settings());
  resumed.resume();
  EXPECT_EQ(resumed.step(), 2);
  ASSERT_EQ(resumed.validations().size(), 1u);
  resumed.run();
  for (const auto& item : straight_model->named_parameters())
    EXPECT_TRUE(item.value().equal(resumed_model->named_parameters()[item.key()])) << item.key();
  // The validation history survives the kill: one entry per save, as in the straight run.
  ASSERT_EQ(resumed.validations().size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(resumed.validations()[i].step, straight.validations()[i].step);
    EXPECT_DOUBLE_EQ(resumed.validations()[i].masked_accuracy,
                     straight.validations()[i].masked_accuracy);
  }

  // Hugging Face names, and the directory is a backbone for `rmt train --init`.
  const io::SafetensorsFile weights(world.dir / "straight" / "model.safetensors");
  for (const char* name :
       {"bert.embeddings.word_embeddings.weight", "cls.predictions.bias",
        "cls.predictions.transform.dense.weight", "cls.predictions.transform.LayerNorm.weight"})
    EXPECT_TRUE(weights.contains(name)) << name;
  const auto backbone = nn::load_bert(world.dir / "straight");
  EXPECT_TRUE(backbone.report.missing.empty()) << backbone.report.summary();
  EXPECT_EQ(backbone.report.unexpected.size(), 5u) << backbone.report.summary();  // cls.*
  EXPECT_TRUE(backbone.model->embeddings->word_embeddings->weight.equal(
      straight_model->bert->embeddings->word_embeddings->weight));
}

TEST(MlmPretrainer, LearnsTheNoiseText) {
  const TaskWorld world;
  auto settings = tiny_settings();
  settings.steps = 60;
  settings.save_every = 60;
  MlmProgress first, last;
  MlmPretrainer pretrainer(world.dir / "mlm", tiny_mlm(world), world.tokenizer, world.noise,
                           settings);
  pretrainer.run([&](const MlmProgress& p) {
    if (p.step == 1) first = p;
    last = p;
  });
  EXPECT_LT(last.loss, first.loss - 1.0) << first.loss << " -> " << last.loss;
  EXPECT_GT(last.validation_accuracy, 0.1);
}

}  // namespace
}  // namespace mnemo::train
