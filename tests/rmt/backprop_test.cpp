#include "mnemo/rmt/backprop.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/tasks/random.h"
#include "task_world.h"

namespace mnemo::rmt {
namespace {

using testing::random_tokens;
using testing::TaskWorld;

struct Gradients {
  double loss = 0;
  std::map<std::string, torch::Tensor> by_name;
};

// Loss and gradients of one batch in training mode (dropout on), from the same RNG seed.
Gradients gradients(torch::nn::Module& model, const std::function<double()>& accumulate) {
  model.train();
  model.zero_grad();
  torch::manual_seed(7);
  Gradients result;
  result.loss = accumulate();
  for (const auto& item : model.named_parameters())
    result.by_name[item.key()] = item.value().grad().defined() ? item.value().grad().clone()
                                                               : torch::zeros_like(item.value());
  return result;
}

Gradients gradients(MemoryEncoderImpl& model, const std::vector<const std::vector<int32_t>*>& batch,
                    const torch::Tensor& labels, const LossOptions& options) {
  return gradients(model, [&] { return accumulate_gradients(model, batch, labels, options); });
}

// Largest gradient of `full`; fails where `recomputed` differs by 1e-5 or more.
double expect_same_gradients(const Gradients& full, const Gradients& recomputed) {
  EXPECT_NEAR(full.loss, recomputed.loss, 1e-6);
  double largest = 0;
  for (const auto& [name, grad] : full.by_name) {
    const double difference = (grad - recomputed.by_name.at(name)).abs().max().item<double>();
    EXPECT_LT(difference, 1e-5) << name;
    largest = std::max(largest, grad.abs().max().item<double>());
  }
  return largest;
}

// Recompute against full BPTT on a mixed-length batch (5, 3 and 1 segments of 11 tokens),
// for the loss on the last segment or on all, with full or truncated depth.
class RecomputeMatchesFull
    : public ::testing::TestWithParam<std::tuple<bool /*all segments*/, int64_t /*depth*/>> {};

TEST_P(RecomputeMatchesFull, SameLossAndGradientsWithin1e5) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  const int64_t vocab = world.tokenizer->vocab_size();
  const auto a = random_tokens(55, vocab, 1), b = random_tokens(33, vocab, 2),
             c = random_tokens(9, vocab, 3);
  const std::vector<const std::vector<int32_t>*> batch = {&a, &b, &c};
  const auto labels = torch::tensor({1, 4, 0}, torch::kLong);
  LossOptions options;
  std::tie(options.all_segments, options.bptt_depth) = GetParam();
  options.scale = 0.5;
  const auto full = gradients(*rmt.model, batch, labels, options);
  options.strategy = Bptt::recompute;
  const auto recomputed = gradients(*rmt.model, batch, labels, options);

  EXPECT_GT(expect_same_gradients(full, recomputed), 1e-3);  // not all zero
  // The memory rows get gradient only through segment 0, i.e. only with full depth.
  const auto memory_rows =
      full.by_name.at("bert.embeddings.word_embeddings.weight").narrow(0, vocab, 2);
  if (options.bptt_depth == 0) EXPECT_GT(memory_rows.abs().max().item<double>(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(LossAndDepth, RecomputeMatchesFull,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(0, 2)));

// The decoder on a right-padded batch of 11 and 7 tokens in segments of 4, the answer tokens
// straddling a segment boundary, with full or truncated depth.
class DecoderRecomputeMatchesFull : public ::testing::TestWithParam<int64_t /*depth*/> {};

TEST_P(DecoderRecomputeMatchesFull, SameLossAndGradientsWithin1e5) {
  torch::manual_seed(4);
  auto config = nn::gpt2_geometry("tiny", 30);
  config.n_positions = 16;
  MemoryDecoder model(nn::Gpt2LMHeadModel(config), 2, 4);
  const auto ids = torch::randint(0, 30, {2, 11}, torch::kLong);
  auto attention = torch::ones_like(ids);
  attention[1].slice(0, 7).fill_(0);
  auto targets = torch::zeros_like(ids);
  targets[0].slice(0, 7, 11).fill_(1);
  targets[1].slice(0, 3, 7).fill_(1);
  LossOptions options;
  options.bptt_depth = GetParam();
  options.scale = 0.5;
  auto run = [&] { return accumulate_gradients(*model, ids, attention, targets, options); };
  const auto full = gradients(*model, run);
  options.strategy = Bptt::recompute;
  const auto recomputed = gradients(*model, run);
  EXPECT_GT(expect_same_gradients(full, recomputed), 1e-3);
  EXPECT_GT(full.by_name.at("memory").abs().max().item<double>(), 0);  // via segment 0's loss
}

INSTANTIATE_TEST_SUITE_P(Depth, DecoderRecomputeMatchesFull, ::testing::Values(0, 2));

TEST(Backprop, DropoutMasksDifferBetweenSeedsSoTheReplayIsTested) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  const auto a = random_tokens(33, world.tokenizer->vocab_size(), 1);
  const auto labels = torch::tensor({2}, torch::kLong);
  LossOptions options;
  options.strategy = Bptt::recompute;
  const auto first = gradients(*rmt.model, {&a}, labels, options);
  rmt.model->train();
  torch::manual_seed(8);
  rmt.model->zero_grad();
  EXPECT_NE(accumulate_gradients(*rmt.model, {&a}, labels, options), first.loss);
}

TEST(Backprop, UnknownStrategyAndLabelCountAreErrors) {
  EXPECT_THROW(parse_bptt("checkpoint"), Error);
  EXPECT_EQ(parse_bptt("recompute"), Bptt::recompute);
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  const auto a = random_tokens(20, world.tokenizer->vocab_size(), 1);
  EXPECT_THROW(accumulate_gradients(*rmt.model, {&a}, torch::tensor({1, 2}, torch::kLong), {}),
               Error);
}

}  // namespace
}  // namespace mnemo::rmt
