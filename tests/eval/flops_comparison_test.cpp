#include "mnemo/eval/flops_comparison.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace mnemo::eval {
namespace {

// The hand-computed case of nn/transformer_flops_test.cpp, from a model directory: 2 layers,
// d = 4, feed-forward 16, vocabulary 10 on 8 tokens costs 8832 with full attention and
// 7808 in two segments of 4 (3904 each).
TEST(FlopsComparison, RowsForEveryModelAndLengthFromNamesAndDirectories) {
  testing::ScratchDir dir;
  const auto hand = dir / "hand";
  std::filesystem::create_directories(hand);
  testing::write_text(hand / "config.json", R"({"num_hidden_layers": 2, "hidden_size": 4,
                                                "intermediate_size": 16, "vocab_size": 10})");
  FlopsSettings settings;
  settings.models = {hand.string(), "opt-125m"};
  settings.lengths = "4,8";
  settings.segment = 4;
  const auto comparison = compare_flops(settings);
  ASSERT_EQ(comparison.rows.size(), 4u);
  EXPECT_EQ(comparison.rows[0].model, "hand");
  EXPECT_DOUBLE_EQ(comparison.rows[0].full, 3904);  // one segment's worth: the same either way
  EXPECT_DOUBLE_EQ(comparison.rows[0].rmt, 3904);
  EXPECT_DOUBLE_EQ(comparison.rows[1].tokens, 8);
  EXPECT_DOUBLE_EQ(comparison.rows[1].full, 8832);
  EXPECT_DOUBLE_EQ(comparison.rows[1].rmt, 7808);
  EXPECT_DOUBLE_EQ(comparison.rows[1].ratio(), 8832.0 / 7808.0);
  EXPECT_EQ(comparison.rows[2].model, "opt-125m");
  EXPECT_EQ(comparison.rows[3].tokens, 8);

  settings.models = {};
  EXPECT_EQ(compare_flops(settings).shapes.size(), 7u);  // the whole OPT family

  const auto png = dir / "flops.png";
  plot_flops(comparison, png);
  EXPECT_GT(std::filesystem::file_size(png), 1000u);
}

TEST(FlopsComparison, ErrorsNameTheFlag) {
  FlopsSettings settings;
  settings.lengths = "512,0";
  EXPECT_NE(testing::error_of([&] {
              compare_flops(settings);
            }).find("--lengths: '0' is not a positive token count"),
            std::string::npos);
  settings.lengths = "512,x";
  EXPECT_NE(testing::error_of([&] { compare_flops(settings); }).find("'x'"), std::string::npos);
  settings.lengths = "512";
  settings.segment = 0;
  EXPECT_NE(testing::error_of([&] { compare_flops(settings); }).find("--segment must be >= 1"),
            std::string::npos);
  settings.segment = 512;
  settings.models = {"opt-2.7b"};
  EXPECT_NE(testing::error_of([&] { compare_flops(settings); }).find("unknown model 'opt-2.7b'"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::eval
