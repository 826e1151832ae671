#include "mnemo/rmt/memory_stream.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/tasks/random.h"
#include "task_world.h"

namespace mnemo::rmt {
namespace {

using testing::TaskWorld;

// Streamed in pieces of every size, the answer equals that of the whole input at once,
// including a short first segment (40 tokens = 7 + 3 x 11).
TEST(MemoryStream, StreamedAnswerEqualsWholeInputAnswer) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  const auto tokens = testing::random_tokens(40, world.tokenizer->vocab_size(), 3);
  rmt.model->eval();
  torch::Tensor whole;
  {
    torch::NoGradGuard no_grad;
    whole = rmt.model->forward({&tokens}).logits;
  }
  for (const size_t piece : {1, 5, 11, 40}) {
    MemoryStream stream(*rmt.model, tokens.size());
    EXPECT_EQ(stream.segments(), 4);
    for (size_t begin = 0; begin < tokens.size(); begin += piece) {
      const auto end = std::min(tokens.size(), begin + piece);
      stream.feed(std::vector<int32_t>(tokens.begin() + begin, tokens.begin() + end));
    }
    EXPECT_EQ(stream.segments_done(), 4);
    EXPECT_EQ(stream.tokens_read(), 40u);
    EXPECT_TRUE(torch::allclose(stream.finish(), whole, 1e-5, 1e-6)) << "pieces of " << piece;
  }
}

TEST(MemoryStream, FeedingMoreOrLessThanAnnouncedIsAnError) {
  const TaskWorld world;
  auto rmt = world.tiny_rmt(2, 16);
  MemoryStream stream(*rmt.model, 12);
  stream.feed(std::vector<int32_t>(11, 20));
  EXPECT_THROW(stream.finish(), Error);  // 11 of 12
  EXPECT_THROW(stream.feed(std::vector<int32_t>(2, 20)), Error);
  EXPECT_THROW(MemoryStream(*rmt.model, 0), Error);
}

}  // namespace
}  // namespace mnemo::rmt
