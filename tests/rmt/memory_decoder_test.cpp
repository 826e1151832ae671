#include "mnemo/rmt/memory_decoder.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"

namespace mnemo::rmt {
namespace {

MemoryDecoder tiny_decoder(int64_t seed, int64_t memory_size = 2, int64_t segment_size = 4) {
  torch::manual_seed(seed);
  auto config = nn::gpt2_geometry("tiny", 20);
  config.n_positions = 16;
  MemoryDecoder model(nn::Gpt2LMHeadModel(config), memory_size, segment_size);
  model->eval();
  return model;
}

double max_difference(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

TEST(MemoryDecoder, SegmentTokensReadTheMemoryAndNotTheWriteRows) {
  auto model = tiny_decoder(1);
  const auto ids = torch::tensor({{3, 7, 1, 9}}, torch::kLong);
  const auto memory = torch::randn({1, 2, 64});
  const auto out = model->step(ids, torch::ones_like(ids), memory);
  nn::Gpt2Inputs read_only;
  read_only.inputs_embeds = torch::cat({memory, model->lm->wte(ids)}, 1);
  const auto expected = model->lm->forward(read_only).slice(1, 2, 6);
  EXPECT_LT(max_difference(model->lm->logits(out.hidden), expected), 1e-5);
  EXPECT_EQ(out.memory.sizes(), torch::IntArrayRef({1, 2, 64}));
}

TEST(MemoryDecoder, EarlierSegmentsReachLaterOnesOnlyThroughMemory) {
  auto model = tiny_decoder(2);
  auto a = torch::tensor({{1, 2, 3, 4, 5, 6, 7, 8}}, torch::kLong);
  auto b = a.clone();
  b[0][0] = 11;  // changes segment 0 only
  const auto ones = torch::ones({1, 4}, torch::kLong);
  auto run = [&](const torch::Tensor& ids) {
    auto first = model->step(ids.slice(1, 0, 4), ones, model->initial_memory(1));
    return model->step(ids.slice(1, 4, 8), ones, first.memory).hidden;
  };
  EXPECT_GT(max_difference(run(a), run(b)), 1e-4);
}

TEST(MemoryDecoder, GradientsCrossSegmentsUnlessTruncated) {
  auto model = tiny_decoder(3);
  model->train();
  const auto ids = torch::randint(0, 20, {2, 12}, torch::kLong);
  const auto attention = torch::ones_like(ids);
  auto targets = torch::zeros_like(ids);
  targets.slice(1, 9, 12).fill_(1);  // a loss in the last segment only

  model->zero_grad();
  torch::manual_seed(0);
  model->loss(ids, attention, targets).backward();
  ASSERT_TRUE(model->memory.grad().defined());
  EXPECT_GT(model->memory.grad().abs().sum().item<double>(), 0);

  model->zero_grad();
  torch::manual_seed(0);
  model->loss(ids, attention, targets, /*bptt_depth=*/1).backward();
  // The learned memory enters segment 0 only: one segment of depth stops its gradient.
  EXPECT_TRUE(!model->memory.grad().defined() ||
              model->memory.grad().abs().sum().item<double>() == 0);
}

TEST(MemoryDecoder, LossIsTheCrossEntropyOfTheMarkedTokensOnly) {
  auto model = tiny_decoder(8);
  const auto ids = torch::randint(0, 20, {2, 10}, torch::kLong);
  auto targets = torch::zeros_like(ids);
  targets[0][9] = 1;
  targets[1][4] = 1;  // predicted across the segment boundary at 4
  const auto logits = model->lm->logits(model->hidden_states(ids, torch::ones_like(ids)));
  const auto expected = -0.5 * (torch::log_softmax(logits[0][8], -1)[ids[0][9]] +
                                torch::log_softmax(logits[1][3], -1)[ids[1][4]]);
  EXPECT_LT(std::abs(model->loss(ids, torch::ones_like(ids), targets).item<double>() -
                     expected.item<double>()),
            1e-5);
}

TEST(MemoryDecoder, RightPaddingLeavesAShortSamplesLossUnchanged) {
  auto model = tiny_decoder(4);
  const auto full = torch::tensor({{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}}, torch::kLong);
  const auto short_ids = torch::tensor({{2, 4, 6, 8, 10, 12}}, torch::kLong);
  auto alone_targets = torch::ones_like(short_ids);
  const auto alone = model->loss(short_ids, torch::ones_like(short_ids), alone_targets);

  auto ids = torch::zeros({2, 10}, torch::kLong);
  ids[0] = full[0];
  ids.slice(1, 0, 6)[1] = short_ids[0];
  auto attention = torch::zeros_like(ids);
  attention[0].fill_(1);
  attention[1].slice(0, 0, 6).fill_(1);
  auto targets = torch::zeros_like(ids);
  targets[1].slice(0, 0, 6).fill_(1);
  EXPECT_LT(std::abs(model->loss(ids, attention, targets).item<double>() - alone.item<double>()),
            1e-5);
}

TEST(MemoryDecoder, ContinuationReadsEverySegmentThenGeneratesFromTheLast) {
  auto model = tiny_decoder(5);
  const std::vector<int64_t> context = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  lm::GenerationOptions options;
  options.max_new_tokens = 4;
  const auto generated = model->continue_text(context, options);
  ASSERT_EQ(generated.size(), 4u);

  // By hand: segments {1..4}, {5..8} update the memory; {9, 10} is the prompt.
  torch::NoGradGuard no_grad;
  auto memory = model->initial_memory(1);
  for (int64_t start : {0, 4}) {
    const auto segment =
        torch::tensor(context, torch::kLong).slice(0, start, start + 4).view({1, 4});
    memory = model->step(segment, torch::ones_like(segment), memory).memory;
  }
  std::vector<int64_t> sequence = {9, 10};
  for (int i = 0; i < 4; ++i) {
    nn::Gpt2Inputs inputs;
    inputs.inputs_embeds = torch::cat(
        {memory, model->lm->wte(torch::tensor(sequence, torch::kLong).view({1, -1}))}, 1);
    sequence.push_back(model->lm->forward(inputs)[0][-1].argmax().item<int64_t>());
  }
  EXPECT_EQ(generated, std::vector<int64_t>(sequence.begin() + 2, sequence.end()));
}

TEST(MemoryDecoder, SegmentsThatCannotFitAreRefused) {
  auto config = nn::gpt2_geometry("tiny", 20);
  config.n_positions = 16;
  EXPECT_THROW(MemoryDecoder(nn::Gpt2LMHeadModel(config), 4, 9), Error);
  auto model = tiny_decoder(6);
  const auto long_segment = torch::zeros({1, 5}, torch::kLong);
  EXPECT_THROW(model->step(long_segment, torch::ones_like(long_segment), model->initial_memory(1)),
               Error);
}

// The token that fills segment 0 must be repeated at the end of segment 1: only the memory
// can carry it there. (Three segments need a curriculum from scratch, as in the paper.)
TEST(MemoryDecoder, LearnsToCarryATokenAcrossSegments) {
  auto model = tiny_decoder(7);
  model->train();
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(3e-3));
  const int64_t batch = 32, length = 8;
  auto make_batch = [&](int64_t seed) {
    torch::manual_seed(seed);
    auto ids = torch::randint(10, 20, {batch, length}, torch::kLong);  // noise tokens 10..19
    const auto key = torch::randint(0, 8, {batch}, torch::kLong);      // the token to carry
    ids.slice(1, 0, 4).copy_(key.view({-1, 1}).expand({batch, 4}));
    ids.select(1, length - 2).fill_(9);  // "recall" marker
    ids.select(1, length - 1).copy_(key);
    auto targets = torch::zeros_like(ids);
    targets.select(1, length - 1).fill_(1);
    return std::make_pair(ids, targets);
  };
  for (int64_t step = 0; step < 250; ++step) {
    const auto [ids, targets] = make_batch(1000 + step);
    optimizer.zero_grad();
    model->loss(ids, torch::ones_like(ids), targets).backward();
    optimizer.step();
  }
  model->eval();
  torch::NoGradGuard no_grad;
  const auto [ids, targets] = make_batch(7);
  auto memory = model->initial_memory(batch);
  torch::Tensor logits;
  for (int64_t start = 0; start < length; start += 4) {
    const auto segment = ids.slice(1, start, start + 4);
    auto out = model->step(segment, torch::ones_like(segment), memory);
    memory = out.memory;
    logits = model->lm->logits(out.hidden);
  }
  const auto predicted = logits.select(1, 2).argmax(-1);  // read at the marker
  const double accuracy =
      predicted.eq(ids.select(1, length - 1)).to(torch::kFloat).mean().item<double>();
  EXPECT_GT(accuracy, 0.9) << "chance is 1/8";
}

}  // namespace
}  // namespace mnemo::rmt
