// The AFINN lexicon scorer on a lexicon the test writes, and the scorer registry.
#include "mnemo/beb/afinn_scorer.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::ScratchDir;
using testing::write_text;

TEST(AfinnScorer, MeanRatingOverFiveWithPhrasesAndNegation) {
  const ScratchDir dir;
  write_text(dir / "lexicon.tsv",
             "good\t3\nhappy\t3\nbad\t-3\nbad luck\t-2\ncan't stand\t-3\ndoes not work\t-3\n"
             "cover-up\t-3\n");
  const AfinnScorer scorer(dir / "lexicon.tsv");
  EXPECT_EQ(scorer.entries(), 7u);
  EXPECT_DOUBLE_EQ(scorer.score("The cat sat on the mat."), 0.0);  // nothing rated
  EXPECT_DOUBLE_EQ(scorer.score("A GOOD, happy day!"), 0.6);       // (3 + 3) / 2 / 5
  EXPECT_DOUBLE_EQ(scorer.score("This is not good."), -0.6);       // negated
  EXPECT_DOUBLE_EQ(scorer.score("It isn’t bad."), 0.6);            // curly apostrophe
  EXPECT_DOUBLE_EQ(scorer.score("Such bad luck."), -0.4);          // the longest phrase wins
  EXPECT_DOUBLE_EQ(scorer.score("I can't stand it; it does not work."), -0.6);
  EXPECT_DOUBLE_EQ(scorer.score("a 'cover-up' and good"), 0.0);  // (-3 + 3) / 2 / 5
}

TEST(AfinnScorer, ALexiconItCannotReadIsAClearErrorNamingTheLine) {
  const ScratchDir dir;
  const auto error_for = [&](const std::string& text) {
    write_text(dir / "bad.tsv", text);
    return error_of([&] { AfinnScorer scorer(dir / "bad.tsv"); });
  };
  EXPECT_NE(error_for("good\t3\nawful -3\n").find("bad.tsv:2: expected \"term<TAB>rating\""),
            std::string::npos);
  EXPECT_NE(error_for("good\t7\n").find("bad.tsv:1: rating 7 lies outside -5..5"),
            std::string::npos);
  EXPECT_NE(error_for("good\tthree\n").find("bad.tsv:1: the rating 'three' is not an integer"),
            std::string::npos);
  EXPECT_NE(error_for("good\t3\nGood\t2\n").find("bad.tsv:2: 'good' is listed twice"),
            std::string::npos);
  EXPECT_NE(error_for("").find("bad.tsv: holds no entries"), std::string::npos);
  EXPECT_NE(error_of([&] {
              AfinnScorer scorer(dir / "missing.tsv");
            }).find("missing.tsv: cannot be read (the AFINN-165 lexicon"),
            std::string::npos);
}

TEST(BehaviorScorers, AreChosenByNameAndAnUnknownNameListsTheKnownOnes) {
  const ScratchDir dir;
  write_text(dir / "lexicon.tsv", "good\t3\n");
  ScorerFiles files;
  files.lexicon = dir / "lexicon.tsv";
  EXPECT_DOUBLE_EQ(make_scorer("afinn", files)->score("good"), 0.6);
  EXPECT_NE(error_of([&] {
              make_scorer("vader", files);
            }).find("unknown behavior scorer 'vader' (known: afinn, learned)"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::beb
