#include "mnemo/clamp/abc_filter.h"

#include <gtest/gtest.h>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/core/error.h"
#include "mnemo/core/subprocess.h"
#include "mnemo/text/ascii.h"
#include "test_support.h"

namespace mnemo::clamp {
namespace {

TEST(AbcFilter, DropsMetadataFieldsCommentsAndBlankLines) {
  const std::string abc =
      "X:1\nT:Title\nC:Composer\nO:Ireland\nZ:transcriber\nL:1/8\nM:6/8\n% a comment\n"
      "%%MIDI program 1\n%%score (T1 T2)\n\nQ:1/4=120\nK:D\nw:some words\nFAA dAA|\n   \n";
  EXPECT_EQ(filter_abc(abc), "L:1/8\nM:6/8\n%%score (T1 T2)\nQ:1/4=120\nK:D\nFAA dAA|\n");
}

// The official list has 'G' where it means 'G:': it never matched (lines are compared on
// their first two characters), so G: group lines were kept. Here they go, and body lines
// that merely start with the note G stay.
TEST(AbcFilter, DropsGroupFieldsButKeepsLinesStartingWithTheNoteG) {
  EXPECT_EQ(filter_abc("G:flute\nK:G\nG2 A2|\nGABc|\n"), "K:G\nG2 A2|\nGABc|\n");
}

// The official code cut at the last '%' and then dropped one more character, meant for the
// space before a comment: "def%" lost its 'f'. Here the comment and trailing spaces go.
TEST(AbcFilter, CutsInlineCommentsWithoutEatingNotes) {
  EXPECT_EQ(filter_abc("abc|def% no space\n"), "abc|def\n");
  EXPECT_EQ(filter_abc("abc|def  % spaced % twice\n"), "abc|def\n");
  EXPECT_EQ(filter_abc("%%score 1 % kept whole\n"), "%%score 1 % kept whole\n");
}

TEST(AbcFilter, CarriageReturnsGo) { EXPECT_EQ(filter_abc("K:C\r\nabc|\r\n"), "K:C\nabc|\n"); }

TEST(Ascii, TransliteratesAndDropsWhatHasNoLatinSpelling) {
  EXPECT_EQ(text::to_ascii("plain ASCII stays"), "plain ASCII stays");
  EXPECT_EQ(text::to_ascii("Café naïve “quoted” – Ø"), "Cafe naive \"quoted\" - O");
  EXPECT_EQ(text::to_ascii("中文"), "zhong wen");
  EXPECT_EQ(text::to_ascii("a😀b"), "ab");
  EXPECT_THROW(text::to_ascii("bad \xff byte"), Error);
}

TEST(AbcToPatches, NonAsciiTitlesAndAnnotationsAreTransliterated) {
  const PatchOptions options;
  EXPECT_EQ(abc_to_patches("T:Été\nK:C\n\"^Ré\" CDE|\n", options, "tune"),
            abc_to_patches("K:C\n\"^Re\" CDE|\n", options, "tune"));
}

TEST(AbcToPatches, ATuneWithoutBarsIsAnError) {
  try {
    abc_to_patches("X:1\nT:Only a title\nK:C\n", {}, "header-only.abc");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("header-only.abc: holds no music"), std::string::npos)
        << e.what();
  }
}

TEST(ReadMusicFile, RefusesWhatIsNotAbcOrMidi) {
  testing::ScratchDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "is empty"},
      {std::string("MThd\0\0\0\x06", 8), "midi2abc could not convert this MIDI file"},
      {std::string("PK\x03\x04rest", 8), "zip archive"},
      {std::string("K:C\nab\0c|", 9), "binary file"},
      {"K:C\nab\xc3|\n", "not valid UTF-8 (byte 6)"},
      {"<?xml version=\"1.0\"?><score-partwise>", "is MusicXML"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto path = dir / ("case" + std::to_string(i));
    testing::write_text(path, cases[i].first);
    try {
      read_music_file(path);
      ADD_FAILURE() << "no error for case " << i;
    } catch (const Error& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(path.string()), std::string::npos) << message;
      EXPECT_NE(message.find(cases[i].second), std::string::npos) << message;
    }
  }
  testing::write_text(dir / "good.abc", "K:C\nabc|\n");
  EXPECT_EQ(read_music_file(dir / "good.abc"), "K:C\nabc|\n");
}

// abc2midi (also from abcmidi) writes the MIDI file; midi2abc brings it back as ABC.
TEST(ReadMusicFile, ConvertsMidiToAbcThroughMidi2abc) {
  testing::ScratchDir dir;
  testing::write_text(dir / "tune.abc",
                      "X:1\nM:4/4\nL:1/8\nQ:1/4=120\nK:G\nGABc dedB|dedB dedB|]\n");
  const auto made =
      run_process({"abc2midi", (dir / "tune.abc").string(), "-o", (dir / "tune.mid").string()});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  const std::string abc = read_music_file(dir / "tune.mid");
  EXPECT_NE(abc.find("K:G"), std::string::npos) << abc;
  EXPECT_EQ(abc.find('\\'), std::string::npos) << abc;  // continuations joined
  const auto patches = abc_to_patches(abc, {}, "tune.mid");
  std::vector<std::string> bars;
  for (const auto& patch : patches) bars.push_back(patch_to_text(patch));
  EXPECT_NE(std::find(bars.begin(), bars.end(), "GA Bc de dB|"), bars.end()) << abc;
}

TEST(Subprocess, CollectsOutputErrorsAndExitCodeWithoutAShell) {
  const auto result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3", "ignored;rm"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  try {
    run_process({"no-such-program-mnemo"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot run no-such-program-mnemo"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace mnemo::clamp
