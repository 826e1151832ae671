// mnemo beb bound, score and train-scorer from the command line (the commands that read
// GPT-2s: beb_models_cli_test.cpp).
#include <nlohmann/json.hpp>

#include "beb/toy_sentences.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

TEST(BebCli, BoundPrintsEachTheoremsLengthWithItsFormula) {
  auto result = run_mnemo("beb bound --alpha 0.01 --beta 2 --epsilon 0.1 --best-of 16 --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto bounds = nlohmann::json::parse(result.out).at("bounds");
  ASSERT_EQ(bounds.size(), 3u);  // Theorem 1, Theorem 4, transition
  EXPECT_NEAR(bounds[0].at("sentences").get<double>(), 4.147025, 1e-6);
  EXPECT_EQ(bounds[0].at("prompt_sentences"), 5);
  EXPECT_EQ(bounds[1].at("formula"), "T1 + (1/beta) log n");

  result = run_mnemo("beb bound --alpha 0.01 --beta 2 --epsilon 0.1 --sigma 1");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find("Theorem 2"), std::string::npos);  // needs beta' and |s0| too

  result = run_mnemo("beb bound --alpha 1.5 --beta 2 --epsilon 0.1");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--alpha must lie in (0, 1)"), std::string::npos) << result.err;
}

TEST(BebCli, ScoreRatesEachSentenceAndRefusesAnUnknownScorer) {
  const ScratchDir dir;
  testing::write_text(dir / "lexicon.tsv", "good\t3\nbad\t-3\n");
  const auto lexicon = " --lexicon " + shell_quote((dir / "lexicon.tsv").string());
  auto result = run_mnemo("beb score 'a good day' 'not good'" + lexicon);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "+0.600\ta good day\n-0.600\tnot good\nmean +0.0000 over 2 sentences\n");
  result = run_mnemo("beb score --scorer vader 'good'" + lexicon);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("unknown behavior scorer 'vader' (known: afinn, learned)"),
            std::string::npos)
      << result.err;
}

TEST(BebCli, TrainScorerWritesARunThatScoreReadsByName) {
  const ScratchDir dir;
  beb::write_toy_labelled_sentences(dir.path(), 300);
  const auto text = shell_quote((dir / "text.txt").string());
  const auto run = shell_quote((dir / "scorer").string());
  const auto train = "beb train-scorer --text " + text + " --labels " +
                     shell_quote((dir / "labels.txt").string()) + " --epochs 20 --batch 32 --out " +
                     run;
  const auto trained = run_mnemo(train);
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  EXPECT_EQ(trained.out.rfind("wrote " + (dir / "scorer").string() + ": ", 0), 0u) << trained.out;
  EXPECT_NE(trained.out.find(" features, trained on 270 sentences; held out: {\"correlation\":"),
            std::string::npos)
      << trained.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "scorer" / "run.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "scorer" / "model" / "learned-scorer.json"));
  const auto scored = run_mnemo("beb score --scorer learned --scorer-model " + run +
                                " 'the day is great' 'the day is not great'");
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  EXPECT_EQ(scored.out.substr(0, 2), "+0") << scored.out;
  EXPECT_NE(scored.out.find("\n-0."), std::string::npos) << scored.out;

  // A finished run resumes to the same report; a new start in it is refused.
  const auto resumed = run_mnemo("beb train-scorer --resume --out " + run);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, trained.out);
  const auto again = run_mnemo(train);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("already holds a training run: continue it with --resume"),
            std::string::npos)
      << again.err;
}

TEST(BebCli, TrainScorerNamesBadLabelFilesAndMissingText) {
  const ScratchDir dir;
  beb::write_toy_labelled_sentences(dir.path(), 300);
  testing::write_text(dir / "bad-labels.txt", "1\n-1\nvery good\n");
  testing::write_text(dir / "three.txt", "a good day\na bad day\nan ok day\n");
  const auto bad =
      run_mnemo("beb train-scorer --text " + shell_quote((dir / "three.txt").string()) +
                " --labels " + shell_quote((dir / "bad-labels.txt").string()) + " --out " +
                shell_quote((dir / "x").string()));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("bad-labels.txt:3: 'very good' is not a label"), std::string::npos)
      << bad.err;
  const auto mismatch =
      run_mnemo("beb train-scorer --text " + shell_quote((dir / "text.txt").string()) +
                " --labels " + shell_quote((dir / "bad-labels.txt").string()) + " --out " +
                shell_quote((dir / "x").string()));
  EXPECT_NE(mismatch.exit_code, 0);
  EXPECT_NE(mismatch.err.find("has 3 lines"), std::string::npos) << mismatch.err;
  const auto no_text = run_mnemo("beb train-scorer --out " + shell_quote((dir / "x").string()));
  EXPECT_NE(no_text.exit_code, 0);
  EXPECT_NE(no_text.err.find("--text is required"), std::string::npos) << no_text.err;
}

}  // namespace
}  // namespace mnemo
