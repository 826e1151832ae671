// Greedy extraction scores against the generator's own greedy tokens.
#include "mnemo/memorization/extraction.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/lm/generation.h"
#include "mnemo/nn/gpt2_config.h"
#include "mnemo/nn/gpt_neox_config.h"

namespace mnemo::memorization {
namespace {

nn::Gpt2LMHeadModel tiny_model() {
  torch::manual_seed(11);
  nn::Gpt2LMHeadModel model(nn::gpt2_geometry("tiny", 40));
  model->eval();
  return model;
}

// Prompt + the model's own greedy continuation, decoded without the cache.
std::vector<int64_t> greedy_sequence(nn::Gpt2LMHeadModelImpl& model,
                                     const std::vector<int64_t>& prompt, int64_t length) {
  lm::GenerationOptions options;
  options.max_new_tokens = length;
  options.use_cache = false;
  auto sequence = prompt;
  const auto continuation = lm::generate(model, prompt, options);
  sequence.insert(sequence.end(), continuation.begin(), continuation.end());
  return sequence;
}

TEST(Extraction, TheModelsOwnContinuationScoresOneAndEachWrongTokenCostsItsShare) {
  auto model = tiny_model();
  const ExtractionWindow window{6, 8};
  std::vector<int64_t> flat;
  std::vector<std::vector<int64_t>> rows;
  for (int64_t row = 0; row < 3; ++row) {
    std::vector<int64_t> prompt;
    for (int64_t i = 0; i < window.prompt_length; ++i) prompt.push_back((row * 7 + i * 3) % 40);
    rows.push_back(greedy_sequence(*model, prompt, window.continuation_length));
  }
  // Row 1 gets one wrong true token, row 2 three: the greedy output does not depend on them.
  rows[1][window.prompt_length + 2] = (rows[1][window.prompt_length + 2] + 1) % 40;
  for (const int64_t at : {0, 4, 7})
    rows[2][window.prompt_length + at] = (rows[2][window.prompt_length + at] + 5) % 40;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  const auto batch = torch::tensor(flat).view({3, -1});

  CausalLm lm(model);
  const auto scores = memorization_scores(lm, batch, window);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_DOUBLE_EQ(scores[0], 1.0);
  EXPECT_DOUBLE_EQ(scores[1], 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(scores[2], 5.0 / 8.0);
  // One at a time gives the same as the batch.
  for (int64_t row = 0; row < 3; ++row)
    EXPECT_DOUBLE_EQ(memorization_scores(lm, batch.slice(0, row, row + 1), window)[0],
                     scores[static_cast<size_t>(row)]);
}

TEST(Extraction, GptNeoxScoresAsItsUncachedGreedyDecoding) {
  torch::manual_seed(12);
  nn::GptNeoxConfig config;
  config.vocab_size = 30, config.hidden_size = 32, config.num_hidden_layers = 2;
  config.num_attention_heads = 2, config.intermediate_size = 64;
  config.max_position_embeddings = 32;
  nn::GptNeoxForCausalLM model(config);
  model->eval();
  torch::NoGradGuard no_grad;
  const ExtractionWindow window{5, 6};
  const auto sequences = torch::randint(0, 30, {4, window.total()}, torch::kLong);
  // Greedy without the cache: the whole sequence again for each token.
  auto decoded = sequences.slice(1, 0, window.prompt_length);
  for (int64_t step = 0; step < window.continuation_length; ++step)
    decoded = torch::cat({decoded, model->forward(decoded).select(1, -1).argmax(-1, true)}, 1);
  // The truth is the uncached decoding with token 2 of row 1 changed.
  auto truth = decoded.clone();
  truth[1][window.prompt_length + 2] = (truth[1][window.prompt_length + 2] + 1) % 30;
  CausalLm lm(model);
  const auto scores = memorization_scores(lm, truth, window);
  EXPECT_EQ(scores, (std::vector<double>{1.0, 5.0 / 6.0, 1.0, 1.0}));
}

TEST(Extraction, AShortBatchOrAnEmptyWindowIsAnError) {
  CausalLm model(tiny_model());
  EXPECT_THROW(memorization_scores(model, torch::zeros({2, 10}, torch::kLong), {6, 8}), Error);
  EXPECT_THROW(memorization_scores(model, torch::zeros({2, 10}, torch::kLong), {0, 8}), Error);
}

}  // namespace
}  // namespace mnemo::memorization
