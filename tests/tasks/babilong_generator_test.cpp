#include "mnemo/tasks/babilong_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "mnemo/core/error.h"
#include "task_world.h"

namespace mnemo::tasks {
namespace {

using testing::TaskWorld;
using testing::write_text;

std::vector<BabiQuestion> questions(const TaskWorld& world) {
  std::string text;
  const char* places[] = {"bathroom", "hallway", "garden", "office", "bedroom", "kitchen"};
  for (int story = 0; story < 20; ++story)
    text += "1 Mary moved to the " + std::string(places[story % 6]) + ".\n" +
            "2 John went to the " + places[(story + 1) % 6] + ".\n" + "3 Where is Mary? \t" +
            places[story % 6] + "\t1\n";
  write_text(world.dir / "qa1_test.txt", text);
  return read_babi(world.dir / "qa1_test.txt");
}

TEST(BabilongGenerator, HidesTheStoryInOrderInNoiseOfTheAskedLength) {
  TaskWorld world;
  const BabilongGenerator generator("qa1", questions(world), world.tokenizer, world.noise);
  auto random = Random::keyed({1, 2});
  const auto sample = generator.generate(random, Split::train, 200);
  const auto mary = sample.input.find("Mary moved to the " + sample.target + ".");
  const auto john = sample.input.find("John went to the");
  ASSERT_NE(mary, std::string::npos) << sample.input;
  ASSERT_NE(john, std::string::npos);
  EXPECT_LT(mary, john);
  EXPECT_EQ(sample.question, "Where is Mary?");
  const int64_t length = world.tokenizer->encode(sample.input).size();
  EXPECT_GE(length, 190);
  EXPECT_LE(length, 210);
  // Around the facts lie whole noise sentences, consecutive in the corpus: each starts with its
  // marker sN, and the markers count up, wrapping from the last training sentence (s179).
  std::vector<int> markers;
  std::istringstream words(sample.input);
  for (std::string word; words >> word;)
    if (word.size() > 1 && word[0] == 's' &&
        std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= '0' && c <= '9'; }))
      markers.push_back(std::stoi(word.substr(1)));
  ASSERT_GE(markers.size(), 10u) << sample.input;
  for (size_t i = 1; i < markers.size(); ++i)
    EXPECT_EQ(markers[i], (markers[i - 1] + 1) % 180) << sample.input;
}

TEST(BabilongGenerator, ZeroLengthIsTheStoryAlone) {
  TaskWorld world;
  const BabilongGenerator generator("qa1", questions(world), world.tokenizer, world.noise);
  auto random = Random::keyed({3});
  const auto sample = generator.generate(random, Split::validation, 0);
  EXPECT_EQ(sample.input.rfind("Mary moved to the ", 0), 0u) << sample.input;
  EXPECT_NE(sample.input.find(". John went to the "), std::string::npos) << sample.input;
}

TEST(BabilongGenerator, SeededAndTrainAndValidationShareNoStory) {
  TaskWorld world;
  const auto all = questions(world);
  const BabilongGenerator generator("qa1", all, world.tokenizer, world.noise);
  auto a = Random::keyed({5}), b = Random::keyed({5});
  EXPECT_EQ(generator.generate(a, Split::train, 64).input,
            generator.generate(b, Split::train, 64).input);
  // 20 stories: the last 2 (18 and 19: bathroom and hallway) are the validation part.
  for (uint64_t seed = 0; seed < 30; ++seed) {
    auto random = Random::keyed({seed});
    const auto sample = generator.generate(random, Split::validation, 0);
    EXPECT_TRUE(sample.input.rfind("Mary moved to the bathroom.", 0) == 0 ||
                sample.input.rfind("Mary moved to the hallway.", 0) == 0)
        << sample.input;
  }
}

TEST(BabilongGenerator, QaTokensEndTheAnswerWithEndOfText) {
  TaskWorld world;
  const BabilongSample sample{"mary went to the garden .", "where is mary ?", "garden"};
  const auto tokens = qa_tokens(sample, *world.tokenizer);
  ASSERT_EQ(tokens.answer.size(), 2u);
  EXPECT_EQ(world.tokenizer->token(tokens.answer[0]), "garden");
  EXPECT_EQ(tokens.answer[1], text::end_of_text_id(*world.tokenizer));
  EXPECT_GT(tokens.prompt.size(), 10u);
}

TEST(BabilongGenerator, TooFewQuestionsAreRefused) {
  TaskWorld world;
  EXPECT_THROW(BabilongGenerator("qa1", {}, world.tokenizer, world.noise), Error);
}

}  // namespace
}  // namespace mnemo::tasks
