// mnemo beb bound and score from the command line.
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace mnemo
