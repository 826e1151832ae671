// The memorization study's language model: sequences of an indexed dataset read in file
// order, epoch after epoch, and learnt by heart when seen often enough.
#include "mnemo/train/sequence_lm_learner.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <numeric>

#include "mnemo/memorization/extraction.h"
#include "mnemo/train/trainer.h"
#include "test_support.h"

namespace mnemo::train {
namespace {

using testing::error_of;
using testing::ScratchDir;

constexpr int64_t kVocab = 24;

// `count` seeded random sequences of `length` ids, written as the dataset `dir/data`.
std::shared_ptr<const io::IndexedDataset> random_dataset(const ScratchDir& dir, int64_t count,
                                                         int64_t length) {
  torch::manual_seed(11);
  std::vector<std::vector<int64_t>> sequences;
  for (int64_t i = 0; i < count; ++i) {
    const auto row = torch::randint(kVocab, {length}, torch::kLong);
    sequences.emplace_back(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + length);
  }
  io::write_indexed_dataset(dir / "data", sequences, io::TokenDType::uint16);
  return std::make_shared<io::IndexedDataset>(dir / "data");
}

nn::Gpt2LMHeadModel tiny_model(int64_t positions) {
  torch::manual_seed(0);
  auto config = nn::gpt2_geometry("tiny", kVocab);
  config.n_embd = 32;
  config.n_positions = positions;
  config.resid_pdrop = config.embd_pdrop = config.attn_pdrop = 0;
  return nn::Gpt2LMHeadModel(config);
}

TEST(SequenceLmLearner, ReadsTheTrainingSequencesInFileOrderEpochAfterEpoch) {
  const ScratchDir dir;
  const SequenceLmLearner learner(tiny_model(8), random_dataset(dir, 10, 8), 2);
  EXPECT_EQ(learner.training_sequences(), 8u);
  for (int64_t i = 0; i < 4; ++i) {
    EXPECT_EQ(learner.sequence_at(0, i, 4), static_cast<uint64_t>(i));
    EXPECT_EQ(learner.sequence_at(1, i, 4), static_cast<uint64_t>(4 + i));
    EXPECT_EQ(learner.sequence_at(2, i, 4), static_cast<uint64_t>(i));  // the second epoch
  }
  EXPECT_EQ(learner.sequence_at(2, 2, 3), 0u);  // 8 = the first again: held-out 8, 9 never
}

TEST(SequenceLmLearner, AStepsGradientIsThatOfItsOwnSequencesInAnyMicroBatches) {
  const ScratchDir dir;
  const auto data = random_dataset(dir, 10, 8);
  auto model = tiny_model(8);
  SequenceLmLearner learner(model, data, 2);
  TrainSettings settings;
  settings.batch_size = 4;
  settings.micro_batch = 3;  // 3 + 1: shares weighed by size
  const BatchRequest request{1, 1, {}};
  const double loss = learner.accumulate_batch(request, settings);
  const auto grad = model->wte->weight.grad().clone();

  model->zero_grad();
  std::vector<torch::Tensor> rows;
  for (uint64_t i = 4; i < 8; ++i) rows.push_back(torch::tensor(data->tokens(i), torch::kLong));
  const auto ids = torch::stack(rows);
  const auto logits = model->forward({ids.slice(1, 0, -1)});
  const auto expected = torch::cross_entropy_loss(logits.flatten(0, 1), ids.slice(1, 1).flatten());
  expected.backward();
  EXPECT_NEAR(loss, expected.item<double>(), 1e-5);
  EXPECT_TRUE(torch::allclose(grad, model->wte->weight.grad(), 1e-5, 1e-6));
}

TEST(SequenceLmLearner, LearnsItsTrainingSequencesByHeartAndKeepsEvenlySpacedModels) {
  const ScratchDir dir;
  const auto data = random_dataset(dir, 10, 16);
  TrainSettings settings;
  settings.curriculum = {1};
  settings.steps_per_stage = 120;  // 60 epochs of the 8 training sequences
  settings.batch_size = 4;
  settings.learning_rate = 1e-2;
  settings.validate_every = 60;
  settings.validation_samples = 2;
  settings.stop_at_target = false;
  settings.keep_every = 40;
  Trainer trainer(dir / "run", std::make_shared<SequenceLmLearner>(tiny_model(16), data, 2),
                  settings);
  trainer.start({});
  trainer.run();
  for (const char* step : {"step-000040", "step-000080", "step-000120"})
    EXPECT_TRUE(std::filesystem::exists(dir / "run" / step / "model.safetensors")) << step;

  auto final_model = memorization::CausalLm::load(dir / "run/step-000120");
  std::vector<torch::Tensor> rows;
  for (uint64_t i = 0; i < 10; ++i) rows.push_back(torch::tensor(data->tokens(i), torch::kLong));
  const auto scores = memorization::memorization_scores(final_model, torch::stack(rows), {4, 12});
  const double trained = std::accumulate(scores.begin(), scores.begin() + 8, 0.0) / 8;
  const double held_out = (scores[8] + scores[9]) / 2;
  EXPECT_GT(trained, 0.9);
  EXPECT_LT(held_out, 0.5);  // random ids: nothing to predict them from
}

TEST(SequenceLmLearner, DataItCannotTrainOnIsAClearError) {
  const ScratchDir dir;
  const auto data = random_dataset(dir, 4, 8);
  EXPECT_NE(error_of([&] {
              SequenceLmLearner(tiny_model(8), data, 4);
            }).find("data.idx: holds 4 sequences, not more than the 4 held out"),
            std::string::npos);
  SequenceLmLearner too_long(tiny_model(6), data, 1);
  TrainSettings settings;
  settings.batch_size = 2;
  EXPECT_NE(error_of([&] {
              too_long.accumulate_batch({1, 0, {}}, settings);
            }).find("sequences of 8 tokens do not fit the model (2 to 6 positions)"),
            std::string::npos);
  io::write_indexed_dataset(dir / "wide", {{1, 2, 3, 30}, {1, 2, 3, 4}}, io::TokenDType::uint16);
  SequenceLmLearner wide(tiny_model(8), std::make_shared<io::IndexedDataset>(dir / "wide"), 1);
  EXPECT_NE(error_of([&] {
              wide.accumulate_batch({1, 0, {}}, settings);
            }).find("wide.idx: holds token ids outside the model's vocabulary of 24"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::train
