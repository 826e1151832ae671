#include "mnemo/tasks/babi.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::tasks {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;
using testing::write_text;

TEST(Babi, ReadsStoriesQuestionsAndSupportingFactsInStoryOrder) {
  ScratchDir dir;
  write_text(dir / "qa.txt",
             "1 Mary moved to the bathroom.\n"
             "2 John went to the hallway.\n"
             "3 Where is Mary? \tbathroom\t1\n"
             "4 Mary went back to the garden.\n"
             "5 Where is Mary? \tgarden\t4 2\n"
             "1 Sandra journeyed to the office.\n"
             "2 Where is Sandra? \toffice\t1\n");
  const auto questions = read_babi(dir / "qa.txt");
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(questions[0].question, "Where is Mary?");
  EXPECT_EQ(questions[0].answer, "bathroom");
  EXPECT_EQ(questions[0].supporting, std::vector<std::string>{"Mary moved to the bathroom."});
  EXPECT_EQ(questions[0].line, 3u);
  EXPECT_EQ(questions[1].story.size(), 3u);  // statements only, not the earlier question
  EXPECT_EQ(questions[1].supporting, (std::vector<std::string>{"John went to the hallway.",
                                                               "Mary went back to the garden."}));
  EXPECT_EQ(questions[2].story, std::vector<std::string>{"Sandra journeyed to the office."});
}

TEST(Babi, ErrorsNameFileAndLine) {
  ScratchDir dir;
  const auto expect_error = [&](const std::string& text, const std::string& message) {
    write_text(dir / "bad.txt", text);
    try {
      read_babi(dir / "bad.txt");
      FAIL() << "no error for: " << text;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find("bad.txt"), std::string::npos) << error.what();
    }
  };
  expect_error("Mary moved to the bathroom.\n", ":1: expected a line number");
  expect_error("1 Mary moved.\n2 Where is Mary?\tbathroom\t7\n", ":2: supporting fact 7");
  expect_error("1 Mary moved.\n2 Where is Mary?\tbathroom\n", ":2: a question line needs");
  expect_error("1 Mary moved.\n", "no bAbI questions");
  // Found by tests/fuzz/babi.cpp: a line number beyond `long` escaped as std::out_of_range.
  expect_error(std::string(45, '7') + " Mary moved.\n", ":1: line number '777");
  EXPECT_THROW(read_babi(dir / "absent.txt"), Error);
}

TEST(Babi, ReadsTheRealTaskFour) {
  const auto file = testing::shared_path("data/babi/qa4_two-arg-relations_train.txt");
  if (file.empty()) MNEMO_SKIP("../shared/data/babi is not beside this checkout");
  const auto questions = read_babi(file);
  EXPECT_EQ(questions.size(), 10000u);
  for (const auto& question : questions) {
    EXPECT_EQ(question.story.size(), 2u);
    EXPECT_EQ(question.supporting.size(), 1u);
  }
}

}  // namespace
}  // namespace mnemo::tasks
