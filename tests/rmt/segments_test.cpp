#include "mnemo/rmt/segments.h"

#include <gtest/gtest.h>

namespace mnemo::rmt {
namespace {

RmtConfig layout_config() {
  RmtConfig config;
  config.memory_size = 3;
  config.segment_size = 10;  // 4 usable tokens
  config.memory_token_id = 100;
  config.cls_id = 2;
  config.sep_id = 3;
  config.pad_id = 0;
  config.labels = {"a", "b"};
  return config;
}

TEST(Segments, UsableTokensLeaveRoomForMemoryAndSpecials) {
  RmtConfig config = layout_config();
  EXPECT_EQ(config.usable(), 4);
  config.segment_size = 512;
  config.memory_size = 10;
  EXPECT_EQ(config.usable(), 499);  // the paper's 499 for 512 and 10 memory tokens
}

TEST(Segments, RightAlignedTheShortSegmentComesFirst) {
  EXPECT_EQ(segment_count(10, 4), 3);
  const SegmentSpan first = segment_span(10, 4, 0), second = segment_span(10, 4, 1),
                    last = segment_span(10, 4, 2);
  EXPECT_EQ(first.begin, 0u);
  EXPECT_EQ(first.length, 2u);
  EXPECT_EQ(second.begin, 2u);
  EXPECT_EQ(second.length, 4u);
  EXPECT_EQ(last.begin, 6u);
  EXPECT_EQ(last.length, 4u);
  EXPECT_EQ(segment_count(8, 4), 2);
  EXPECT_EQ(segment_span(8, 4, 0).length, 4u);
  EXPECT_EQ(segment_count(0, 4), 1);  // an empty input still gets one (empty) segment
}

TEST(Segments, LayoutIsClsMemorySepTokensSepPad) {
  const RmtConfig config = layout_config();
  const std::vector<int32_t> long_sample = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};  // 3 segments
  const std::vector<int32_t> short_sample = {21, 22, 23};                             // 1 segment
  const std::vector<const std::vector<int32_t>*> batch = {&long_sample, &short_sample};
  EXPECT_EQ(batch_steps(batch, config.usable()), 3);

  // Step 0: only the long sample; its short first segment holds 11, 12.
  auto step = build_segment_batch(batch, 0, 3, config);
  EXPECT_TRUE(step.active.equal(torch::tensor({0}, torch::kLong)));
  EXPECT_TRUE(
      step.input_ids.equal(torch::tensor({{2, 100, 101, 102, 3, 11, 12, 3}}, torch::kLong)));
  EXPECT_TRUE(step.attention_mask.equal(torch::ones({1, 8}, torch::kLong)));

  // Step 2: both end here; the short sample is padded to the longer segment.
  step = build_segment_batch(batch, 2, 3, config);
  EXPECT_TRUE(step.active.equal(torch::tensor({0, 1}, torch::kLong)));
  EXPECT_TRUE(step.input_ids.equal(torch::tensor(
      {{2, 100, 101, 102, 3, 17, 18, 19, 20, 3}, {2, 100, 101, 102, 3, 21, 22, 23, 3, 0}},
      torch::kLong)));
  EXPECT_TRUE(step.attention_mask.equal(torch::tensor(
      {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 0}}, torch::kLong)));
}

// 3 memory slots, a span of 2 tokens: [CLS] m0 m1 m2 [SEP] t0 t1 [SEP] at 0..7.
TEST(Segments, PositionsNameWhereEachPartOfTheLayoutSits) {
  const RmtConfig config = layout_config();
  const auto at = segment_positions(config, SegmentSpan{5, 2});
  EXPECT_EQ(at.cls(), 0);
  EXPECT_EQ(at.memory(0), 1);
  EXPECT_EQ(at.memory(2), 3);
  EXPECT_EQ(at.first_sep(), 4);
  EXPECT_EQ(at.token(0), 5);
  EXPECT_EQ(at.token(1), 6);
  EXPECT_EQ(at.last_sep(), 7);
  EXPECT_EQ(at.width(), 8);

  // They agree with the batch the model reads: a sample of 10 tokens, its last segment.
  const std::vector<int32_t> sample = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  const auto span = segment_span(sample.size(), config.usable(), 2);
  const auto last = segment_positions(config, span);
  const auto ids = build_segment_batch({&sample}, 2, 3, config).input_ids[0];
  ASSERT_EQ(ids.size(0), last.width());
  EXPECT_EQ(ids[last.cls()].item<int64_t>(), config.cls_id);
  for (int64_t slot = 0; slot < config.memory_size; ++slot)
    EXPECT_EQ(ids[last.memory(slot)].item<int64_t>(), config.memory_token_id + slot);
  EXPECT_EQ(ids[last.first_sep()].item<int64_t>(), config.sep_id);
  for (int64_t k = 0; k < last.tokens; ++k)
    EXPECT_EQ(ids[last.token(k)].item<int64_t>(), sample[span.begin + k]);
  EXPECT_EQ(ids[last.last_sep()].item<int64_t>(), config.sep_id);
}

}  // namespace
}  // namespace mnemo::rmt
