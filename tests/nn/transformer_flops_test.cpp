#include "mnemo/nn/transformer_flops.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert_config.h"
#include "test_support.h"

namespace mnemo::nn {
namespace {

// 2 layers, d = 4, feed-forward 16, vocabulary 10, on 8 tokens:
//   per layer 8*8*16 (projections) + 4*8*8*4 (attention) + 4*8*4*16 (feed-forward)
//           = 1024 + 1024 + 2048 = 4096; two layers 8192; head 2*8*4*10 = 640.
// RMT with segments of 4: per segment per layer 8*4*16 + 4*4*4*4 + 4*4*4*16 = 1792,
//   two layers 3584, head 2*4*4*10 = 320, so 3904 per segment and 7808 for two.
TEST(TransformerFlops, HandComputedCase) {
  const TransformerShape shape{"hand", 2, 4, 16, 10};
  EXPECT_DOUBLE_EQ(full_attention_flops(shape, 8), 8832);
  EXPECT_DOUBLE_EQ(rmt_flops(shape, 8, 4), 7808);
  EXPECT_DOUBLE_EQ(rmt_flops(shape, 7, 4), 7808);  // a partial segment costs a whole one
  EXPECT_DOUBLE_EQ(transformer_forward_flops(shape, 8, 8, /*lm_head=*/false), 8192);
}

// The paper's Figure 3: x295 fewer FLOPs for OPT-125M and x29 for OPT-175B at 2,048,000
// tokens with segments of 512.
TEST(TransformerFlops, ReproducesThePaperRatiosWithinTenPercent) {
  const double n = 2048000;
  const auto small = opt_shape("opt-125m"), large = opt_shape("opt-175b");
  EXPECT_NEAR(full_attention_flops(small, n) / rmt_flops(small, n, 512), 295, 29.5);
  EXPECT_NEAR(full_attention_flops(large, n) / rmt_flops(large, n, 512), 29, 2.9);
  // One segment's worth costs the same either way.
  EXPECT_DOUBLE_EQ(full_attention_flops(small, 512), rmt_flops(small, 512, 512));
}

TEST(TransformerFlops, BertFormulaIsTheLayersWithoutHead) {
  const auto config = bert_geometry("small", 1000);
  const TransformerShape shape{"small", 4, 256, 1024, 1000};
  EXPECT_DOUBLE_EQ(bert_forward_flops(config, 3, 128),
                   3 * transformer_forward_flops(shape, 128, 128, false));
}

TEST(TransformerFlops, ShapesFromConfigFilesAndNames) {
  testing::ScratchDir dir;
  testing::write_text(dir / "config.json",
                      R"({"n_layer": 2, "n_embd": 64, "n_inner": null, "vocab_size": 100})");
  const auto gpt2 = shape_from_config(dir.path());
  EXPECT_EQ(gpt2.layers, 2);
  EXPECT_EQ(gpt2.intermediate, 256);
  testing::write_text(dir / "config.json", R"({"num_hidden_layers": 3, "hidden_size": 32,
                                              "intermediate_size": 48, "vocab_size": 7})");
  EXPECT_EQ(shape_from_config(dir.path()).intermediate, 48);
  testing::write_text(dir / "config.json", R"({"hidden_size": 32})");
  try {
    shape_from_config(dir.path());
    FAIL() << "a config without layers was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("num_hidden_layers or n_layer"), std::string::npos);
  }
  EXPECT_THROW(opt_shape("opt-2.7b"), Error);
  EXPECT_EQ(opt_names().size(), 7u);
}

}  // namespace
}  // namespace mnemo::nn
