#include "mnemo/text/sentences.h"

#include <gtest/gtest.h>

namespace mnemo::text {
namespace {

TEST(Sentences, SplitsAtEndPunctuationKeepingClosingQuotes) {
  EXPECT_EQ(split_sentences("The jury said it. \"Did it?\" he asked!  Then  it rained"),
            (std::vector<std::string>{"The jury said it.", "\"Did it?\"", "he asked!",
                                      "Then it rained"}));
}

TEST(Sentences, JoinsLinesOfAParagraphAndBreaksAtBlankLines) {
  EXPECT_EQ(
      split_sentences("A sentence that\nwraps over lines.\nNext one\n\nNew paragraph"),
      (std::vector<std::string>{"A sentence that wraps over lines.", "Next one", "New paragraph"}));
}

TEST(Sentences, NumbersAndEmptyInput) {
  EXPECT_EQ(split_sentences("It cost 3.50 dollars. Fine."),
            (std::vector<std::string>{"It cost 3.50 dollars.", "Fine."}));
  EXPECT_TRUE(split_sentences(" \n\n \t").empty());
}

}  // namespace
}  // namespace mnemo::text
