// M3 masked-music pre-training: the masking rule, and the music encoder it hands to CLaMP.
#include "mnemo/clamp/m3_model.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::clamp {
namespace {

std::vector<Patch> tune_patches() {
  return patchify("L:1/8\nK:G\nGABc dedB|dedB dedB|c2ec B2dB|A4 G4|]\n", {512, true});
}

TEST(M3Masking, ChoosesCeil45PercentAndMasksShufflesOrKeepsThemTogether) {
  const auto patches = tune_patches();  // 2 headers + 4 bars + the end patch
  ASSERT_EQ(patches.size(), 7u);
  std::map<std::string, int> modes;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    tasks::Random random(seed);
    const auto piece = mask_piece(patches, random);
    ASSERT_EQ(piece.input.size(), patches.size());
    EXPECT_EQ(std::count(piece.chosen.begin(), piece.chosen.end(), true), 3);  // ceil(0.45 * 6)
    EXPECT_FALSE(piece.chosen.back());  // never the end patch
    // One mode for the whole piece: every chosen patch masked, or none (shuffled or kept).
    const bool masked =
        piece.input[static_cast<size_t>(std::find(piece.chosen.begin(), piece.chosen.end(), true) -
                                        piece.chosen.begin())][0] == kMaskCode;
    Patch all_masks;
    all_masks.fill(kMaskCode);
    bool changed = false;
    for (size_t i = 0; i < patches.size(); ++i) {
      if (!piece.chosen[i]) {
        EXPECT_EQ(piece.input[i], patches[i]);
        continue;
      }
      changed = changed || piece.input[i] != patches[i];
      if (masked) {
        EXPECT_EQ(piece.input[i], all_masks) << "seed " << seed << ", patch " << i;
        continue;
      }
      auto sorted_in = piece.input[i], sorted_original = patches[i];
      std::sort(sorted_in.begin(), sorted_in.end());
      std::sort(sorted_original.begin(), sorted_original.end());
      // Shuffled or kept: the same characters, and the end code and padding stay in place.
      EXPECT_EQ(sorted_in, sorted_original) << "seed " << seed << ", patch " << i;
      const auto count = std::find(patches[i].begin(), patches[i].end(), kEndCode) -
                         patches[i].begin();  // the characters before the end code
      EXPECT_TRUE(std::equal(piece.input[i].begin() + count, piece.input[i].end(),
                             patches[i].begin() + count))
          << "seed " << seed << ", patch " << i;
    }
    ++modes[masked ? "mask" : changed ? "shuffle" : "keep or no-op shuffle"];
  }
  EXPECT_NEAR(modes["mask"], 320, 40);
  EXPECT_GT(modes["shuffle"], 15);
  EXPECT_GT(modes["keep or no-op shuffle"], 15);
}

TEST(M3Model, LearnsToRebuildPatchesAndHandsItsEncoderToClamp) {
  torch::manual_seed(0);
  auto geometry = clamp_geometry("tiny", 300, 16);
  M3Model m3(geometry.music, geometry.max_patches);
  const auto original = music_batch({tune_patches()});
  tasks::Random random(1);
  const auto masked = mask_piece(tune_patches(), random);
  const auto input = music_batch({masked.input});
  auto chosen = torch::zeros({1, 7}, torch::kBool);
  for (int64_t i = 0; i < 7; ++i) chosen[0][i] = bool(masked.chosen[static_cast<size_t>(i)]);

  torch::optim::Adam optimizer(m3->parameters(), torch::optim::AdamOptions(3e-3));
  const auto first = m3->forward(original.inputs, input.inputs, input.mask, chosen);
  for (int step = 0; step < 60; ++step) {
    optimizer.zero_grad();
    m3->forward(original.inputs, input.inputs, input.mask, chosen).loss.backward();
    optimizer.step();
  }
  m3->eval();
  const auto last = m3->forward(original.inputs, input.inputs, input.mask, chosen);
  EXPECT_LT(last.loss.item<double>(), first.loss.item<double>() / 4);
  EXPECT_GT(last.correct, last.characters * 9 / 10);

  testing::ScratchDir dir;
  io::AtomicDirectory out(dir / "m3");
  save_m3(out, *m3);
  out.commit();
  ClampModel clamp_model(geometry);
  load_m3_into_clamp(dir / "m3", *clamp_model);
  clamp_model->eval();
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::equal(clamp_model->music_enc(original.inputs, original.mask),
                           m3->music_enc(original.inputs, original.mask)));
  ClampModel wider(clamp_geometry("small", 300, 16));
  EXPECT_THROW(load_m3_into_clamp(dir / "m3", *wider), Error);
}

}  // namespace
}  // namespace mnemo::clamp
