// CLaMP's bar patching on hand-made tunes: the expected bars were worked out from the
// official MusicPatchilizer's rules (a regular-expression split on the seven barlines,
// leading barline joined, bars paired with their barlines).
#include "mnemo/clamp/bar_patches.h"

#include <gtest/gtest.h>

namespace mnemo::clamp {
namespace {

using Bars = std::vector<std::string>;

std::vector<std::string> texts(const std::vector<Patch>& patches) {
  std::vector<std::string> out;
  for (const auto& patch : patches) out.push_back(patch_to_text(patch));
  return out;
}

TEST(BarPatches, CodesAreOrdMinus31WithAnEndCodeAfterTheText) {
  const Patch patch = text_to_patch("A|~ ");
  EXPECT_EQ(patch[0], 'A' - 31);
  EXPECT_EQ(patch[1], '|' - 31);
  EXPECT_EQ(patch[2], '~' - 31);
  EXPECT_EQ(patch[3], 1);  // space
  EXPECT_EQ(patch[4], kEndCode);
  for (size_t i = 5; i < patch.size(); ++i) EXPECT_EQ(patch[i], kPadCode);
}

TEST(BarPatches, CharactersOutsidePrintableAsciiBecomePadInPlace) {
  const Patch patch =
      text_to_patch(std::string("a\tb\x7f"
                                "c"));
  EXPECT_EQ(patch[0], 'a' - 31);
  EXPECT_EQ(patch[1], kPadCode);
  EXPECT_EQ(patch[2], 'b' - 31);
  EXPECT_EQ(patch[3], kPadCode);
  EXPECT_EQ(patch[4], 'c' - 31);
  EXPECT_EQ(patch[5], kEndCode);
}

TEST(BarPatches, LongBarsAreCutAt64CharactersWithoutEndCode) {
  const std::string exact(64, 'c');
  const Patch full = text_to_patch(exact);
  for (const uint8_t code : full) EXPECT_EQ(code, 'c' - 31);
  EXPECT_EQ(text_to_patch(exact + "defg|"), full);
  EXPECT_EQ(text_to_patch(std::string(63, 'c'))[63], kEndCode);
}

TEST(BarPatches, SplitsAfterEachOfTheSevenBarlinesInTheOfficialOrder) {
  EXPECT_EQ(split_bars("abc|def|"), (Bars{"abc|", "def|"}));
  EXPECT_EQ(split_bars("a|:b::c:|d[|e||f|]g|"),
            (Bars{"a|:", "b::", "c:|", "d[|", "e||", "f|]", "g|"}));
  EXPECT_EQ(split_bars(" a | b |"), (Bars{" a |", " b |"}));
}

TEST(BarPatches, LeadingBarlineJoinsTheFirstBar) {
  EXPECT_EQ(split_bars("|:abc|def:|"), (Bars{"|:abc|", "def:|"}));
  EXPECT_EQ(split_bars("||:abc|"), (Bars{"||:abc|"}));  // "||" wins over "|:", ':' is text
  EXPECT_EQ(split_bars("[|ab|]"), (Bars{"[|ab|]"}));
}

TEST(BarPatches, OfficialQuirksAreKept) {
  EXPECT_EQ(split_bars("abc|def"), (Bars{"abc|"}));          // text after the last barline
  EXPECT_EQ(split_bars("A2|]|B2|"), (Bars{"A2|]", "|B2"}));  // two barlines shift pairs
  EXPECT_EQ(split_bars("ab::|c|"), (Bars{"ab::", "|c"}));
  EXPECT_EQ(split_bars("|"), Bars{});  // the official code raised IndexError here
}

TEST(BarPatches, HeaderLinesAreTheirOwnPatchesAndBodyLinesJoin) {
  const std::string abc =
      "L:1/8\nM:4/4\nK:G\n|:GABc dedB|\ndedB dedB:|\n%%score (1 2)\nV:2\nG,4 D4|]\n";
  const auto patches = patchify(abc, {512, false});
  EXPECT_EQ(texts(patches), (Bars{"L:1/8", "M:4/4", "K:G", "|:GABc dedB|", "dedB dedB:|",
                                  "%%score (1 2)", "V:2", "G,4 D4|]"}));
}

TEST(BarPatches, AnEndPatchIsAddedBeforeTheCut) {
  const std::string abc = "K:C\nab|cd|ef|\n";
  const auto with_end = patchify(abc, {512, true});
  ASSERT_EQ(with_end.size(), 5u);
  for (const uint8_t code : with_end.back()) EXPECT_EQ(code, kEndCode);
  const auto cut = patchify(abc, {3, true});
  EXPECT_EQ(texts(cut), (Bars{"K:C", "ab|", "cd|"}));  // the end patch is cut off too
}

TEST(BarPatches, TensorHoldsTheCodesRowByRow) {
  const auto patches = patchify("K:D\nfe|\n", {512, true});
  const auto tensor = patches_to_tensor(patches);
  ASSERT_EQ(tensor.sizes(), (std::vector<int64_t>{3, kPatchLength}));
  EXPECT_EQ(tensor[1][0].item<int64_t>(), 'f' - 31);
  EXPECT_EQ(tensor[1][3].item<int64_t>(), kEndCode);
  EXPECT_EQ(tensor[2].sum().item<int64_t>(), kEndCode * kPatchLength);
}

}  // namespace
}  // namespace mnemo::clamp
