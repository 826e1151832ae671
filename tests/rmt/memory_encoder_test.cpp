#include "mnemo/rmt/memory_encoder.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "task_world.h"

namespace mnemo::rmt {
namespace {

namespace fs = std::filesystem;
using testing::random_tokens;
using testing::TaskWorld;

TEST(MemoryEncoder, MemoryRowsAreNewVocabularyRowsAndParametersKeepHuggingFaceNames) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(3, 16);
  const int64_t vocab = world.tokenizer->vocab_size();
  EXPECT_EQ(rmt.model->config().memory_token_id, vocab);
  EXPECT_EQ(rmt.model->bert->config().vocab_size, vocab + 3);
  EXPECT_TRUE(rmt.model->initial_memory(2)[1].equal(
      rmt.model->bert->embeddings->word_embeddings->weight.narrow(0, vocab, 3)));
  std::set<std::string> names;
  for (const auto& item : rmt.model->named_parameters()) names.insert(item.key());
  EXPECT_TRUE(names.count("bert.embeddings.word_embeddings.weight"));
  EXPECT_TRUE(names.count("bert.pooler.dense.weight"));
  EXPECT_TRUE(names.count("classifier.weight"));
}

TEST(MemoryEncoder, MemoryOutputOfOneSegmentIsTheMemoryInputOfTheNext) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  rmt.model->eval();
  const auto tokens = random_tokens(40, world.tokenizer->vocab_size(), 1);  // 4 segments of 11
  ForwardOptions options;
  options.keep_memory_inputs = true;
  const auto out = rmt.model->forward({&tokens}, options);
  ASSERT_EQ(out.memory_inputs.size(), 4u);
  EXPECT_TRUE(out.memory_inputs[0].equal(rmt.model->initial_memory(1)));
  // Redo segment 1 by hand: its memory input must be segment 0's output at positions 1..M.
  const auto segment0 = build_segment_batch({&tokens}, 0, 4, rmt.model->config());
  const auto step0 = rmt.model->step(segment0, rmt.model->initial_memory(1));
  EXPECT_TRUE(torch::allclose(out.memory_inputs[1], step0.memory));
  // And what the first segment says reaches the answer at the end.
  auto changed = tokens;
  changed[0] = changed[0] == 20 ? 21 : 20;
  EXPECT_GT((rmt.model->forward({&changed}).logits - out.logits).abs().max().item<double>(), 0.0);
}

TEST(MemoryEncoder, MixedLengthBatchEqualsSamplesAlone) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  rmt.model->eval();
  torch::NoGradGuard no_grad;
  const auto a = random_tokens(40, world.tokenizer->vocab_size(), 2);  // 4 segments, short first
  const auto b = random_tokens(9, world.tokenizer->vocab_size(), 3);   // 1 short segment
  const auto c = random_tokens(22, world.tokenizer->vocab_size(), 4);  // 2 segments
  const auto together = rmt.model->forward({&a, &b, &c}).logits;
  EXPECT_TRUE(torch::allclose(together[0], rmt.model->forward({&a}).logits[0], 1e-5, 1e-5));
  EXPECT_TRUE(torch::allclose(together[1], rmt.model->forward({&b}).logits[0], 1e-5, 1e-5));
  EXPECT_TRUE(torch::allclose(together[2], rmt.model->forward({&c}).logits[0], 1e-5, 1e-5));
}

// Gradient of the last segment's loss with respect to the memory entering each step.
std::vector<bool> memory_gradients(MemoryEncoderImpl& model, const std::vector<int32_t>& tokens,
                                   int64_t bptt_depth, bool* initial_rows_get_gradient) {
  model.zero_grad();
  ForwardOptions options;
  options.keep_memory_inputs = true;
  options.bptt_depth = bptt_depth;
  const auto out = model.forward({&tokens}, options);
  for (const auto& memory : out.memory_inputs)
    if (memory.requires_grad()) memory.retain_grad();
  torch::cross_entropy_loss(out.logits, torch::tensor({1}, torch::kLong)).backward();
  std::vector<bool> reached;
  for (const auto& memory : out.memory_inputs)
    reached.push_back(memory.requires_grad() && memory.grad().defined() &&
                      memory.grad().abs().sum().item<double>() > 0);
  const auto& grad = model.bert->embeddings->word_embeddings->weight.grad();
  *initial_rows_get_gradient =
      grad.defined() && grad.narrow(0, model.config().memory_token_id, model.config().memory_size)
                                .abs()
                                .sum()
                                .item<double>() > 0;
  return reached;
}

TEST(MemoryEncoder, FullBackpropagationReachesTheFirstMemoryAndDepthKStopsThere) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  rmt.model->eval();  // no dropout, so gradients are deterministic
  const auto tokens = random_tokens(55, world.tokenizer->vocab_size(), 5);  // 5 segments
  bool initial = false;
  EXPECT_EQ(memory_gradients(*rmt.model, tokens, 0, &initial),
            (std::vector<bool>{true, true, true, true, true}));
  EXPECT_TRUE(initial);
  // Depth 2: the loss flows through segments 3 and 4; the memory entering 3 is cut.
  EXPECT_EQ(memory_gradients(*rmt.model, tokens, 2, &initial),
            (std::vector<bool>{false, false, false, false, true}));
  EXPECT_FALSE(initial);
  // Depth at least the segment count is full backpropagation.
  EXPECT_EQ(memory_gradients(*rmt.model, tokens, 5, &initial),
            (std::vector<bool>{true, true, true, true, true}));
  EXPECT_TRUE(initial);
}

TEST(MemoryEncoder, SavedModelDirectoryLoadsToTheSameOutputs) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  rmt.model->eval();
  const auto tokens = random_tokens(30, world.tokenizer->vocab_size(), 6);
  const auto expected = rmt.model->forward({&tokens}).logits;
  const auto dir = world.dir / "model";
  {
    io::AtomicDirectory out(dir);
    save_rmt(out, rmt);
    out.commit();
  }
  for (const char* file : {"config.json", "model.safetensors", "rmt.json", "vocab.txt"})
    EXPECT_TRUE(fs::exists(dir / file)) << file;
  auto loaded = load_rmt(dir);
  loaded.model->eval();
  EXPECT_TRUE(torch::allclose(loaded.model->forward({&tokens}).logits, expected));
  EXPECT_EQ(loaded.model->config().labels, tasks::place_labels());

  // A truncated weights file is refused with its name.
  const auto weights = dir / "model.safetensors";
  fs::resize_file(weights, fs::file_size(weights) / 2);
  try {
    load_rmt(dir);
    FAIL() << "a truncated file loaded";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("model.safetensors"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace mnemo::rmt
