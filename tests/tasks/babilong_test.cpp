#include "mnemo/tasks/babilong.h"

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::tasks {
namespace {

using testing::ScratchDir;

std::string error_reading(const std::filesystem::path& file) {
  try {
    read_babilong(file);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Babilong, ReadsJsonListsAndJsonLines) {
  ScratchDir dir;
  testing::write_text(dir / "a.json",
                      R"([{"input": "Mary went to the kitchen.", "question": "Where is Mary?",
                           "target": "kitchen"}, {"input": "", "question": "q", "target": "t"}])");
  testing::write_text(dir / "b.jsonl",
                      "{\"input\": \"x\", \"question\": \"Where?\", \"target\": \"garden\"}\n\n"
                      "{\"input\": \"y\", \"question\": \"What?\", \"target\": \"apple\"}\n");
  const auto list = read_babilong(dir / "a.json");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].question, "Where is Mary?");
  EXPECT_EQ(list[0].target, "kitchen");
  const auto lines = read_babilong(dir / "b.jsonl");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].target, "apple");
}

TEST(Babilong, MalformedLinesAndMissingFieldsNameTheFileAndLine) {
  ScratchDir dir;
  testing::write_text(dir / "bad.jsonl",
                      "{\"input\": \"x\", \"question\": \"q\", \"target\": \"t\"}\n{\"input\": \n");
  const std::string malformed = error_reading(dir / "bad.jsonl");
  EXPECT_NE(malformed.find("bad.jsonl:2"), std::string::npos) << malformed;
  EXPECT_NE(malformed.find("malformed JSON"), std::string::npos) << malformed;

  testing::write_text(dir / "missing.jsonl", "{\"input\": \"x\", \"question\": \"q\"}\n");
  const std::string missing = error_reading(dir / "missing.jsonl");
  EXPECT_NE(missing.find("missing.jsonl:1"), std::string::npos) << missing;
  EXPECT_NE(missing.find("'target'"), std::string::npos) << missing;

  testing::write_text(dir / "typed.json", R"([{"input": "x", "question": 3, "target": "t"}])");
  const std::string typed = error_reading(dir / "typed.json");
  EXPECT_NE(typed.find("item 0"), std::string::npos) << typed;
  EXPECT_NE(typed.find("'question' is not a string"), std::string::npos) << typed;

  testing::write_text(dir / "empty.json", "  \n");
  EXPECT_NE(error_reading(dir / "empty.json").find("empty"), std::string::npos);
}

TEST(Babilong, ScoringLowercasesAndReadsOnlyTheFirstSentence) {
  EXPECT_TRUE(babilong_correct("The Kitchen", "kitchen"));
  EXPECT_TRUE(babilong_correct("kitchen. Then the garden", "kitchen"));
  EXPECT_FALSE(babilong_correct("It is unclear. Maybe the kitchen", "kitchen"));
  EXPECT_FALSE(babilong_correct("<context>kitchen", "kitchen"));
  EXPECT_FALSE(babilong_correct("garden", "kitchen"));
  EXPECT_TRUE(babilong_correct("Mary is in the KITCHEN<example>garden", "Kitchen"));
}

}  // namespace
}  // namespace mnemo::tasks
