#include "mnemo/tasks/facts.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>

namespace mnemo::tasks {
namespace {

// Solves a two-relation question from the sentences alone, the way a reader would:
// place every mentioned place on a grid and look up the asked neighbour. Returns every
// place that fits, so an ambiguous question shows up as more than one answer.
std::vector<std::string> solve(const Question& question) {
  const std::map<std::string, std::pair<int, int>> steps = {
      {"north", {0, 1}}, {"south", {0, -1}}, {"east", {1, 0}}, {"west", {-1, 0}}};
  std::map<std::string, std::pair<int, int>> where;
  const std::regex fact(R"(The (\w+) is (\w+) of the (\w+)\.)");
  std::vector<std::smatch> relations(question.facts.size());
  for (size_t i = 0; i < question.facts.size(); ++i)
    EXPECT_TRUE(std::regex_match(question.facts[i], relations[i], fact)) << question.facts[i];
  // Two passes place both facts whatever their order.
  where[relations[0][3]] = {0, 0};
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& r : relations) {
      const auto step = steps.at(r[2]);
      if (where.count(r[3]) && !where.count(r[1]))
        where[r[1]] = {where[r[3]].first + step.first, where[r[3]].second + step.second};
      if (where.count(r[1]) && !where.count(r[3]))
        where[r[3]] = {where[r[1]].first - step.first, where[r[1]].second - step.second};
    }
  std::smatch asked;
  std::pair<int, int> target;
  if (std::regex_match(question.question, asked, std::regex(R"(What is (\w+) of the (\w+)\?)"))) {
    const auto step = steps.at(asked[1]);
    target = {where.at(asked[2]).first + step.first, where.at(asked[2]).second + step.second};
  } else {
    EXPECT_TRUE(
        std::regex_match(question.question, asked, std::regex(R"(What is the (\w+) (\w+) of\?)")))
        << question.question;
    const auto step = steps.at(asked[2]);
    target = {where.at(asked[1]).first - step.first, where.at(asked[1]).second - step.second};
  }
  std::vector<std::string> answers;
  for (const auto& [place, position] : where)
    if (position == target) answers.push_back(place);
  return answers;
}

TEST(Facts, LocationFactAsksAboutItsOwnPerson) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    Random random(seed);
    const auto q = generate_location_fact(random);
    ASSERT_EQ(q.facts.size(), 1u);
    std::smatch fact;
    ASSERT_TRUE(std::regex_match(
        q.facts[0], fact,
        std::regex(
            R"((Mary|John|Daniel|Sandra) (moved|went|went back|journeyed|travelled) to the (\w+)\.)")))
        << q.facts[0];
    EXPECT_EQ(q.question, "Where is " + fact[1].str() + "?");
    EXPECT_EQ(q.answer, fact[3].str());
  }
}

TEST(Facts, RelationFactsAreConsistentAndTheAnswerIsUnique) {
  std::map<std::string, int> answers;
  int questions_about_each_fact[2] = {0, 0};
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    Random random(seed);
    const auto q = generate_relation_facts(random);
    ASSERT_EQ(q.facts.size(), 2u);
    EXPECT_NE(q.facts[0], q.facts[1]);
    const auto solved = solve(q);
    ASSERT_EQ(solved.size(), 1u) << q.facts[0] << " " << q.facts[1] << " " << q.question;
    EXPECT_EQ(solved[0], q.answer) << q.facts[0] << " " << q.facts[1] << " " << q.question;
    ++answers[q.answer];
    // The fact that answers names both the answer and the asked place; which of the two
    // it is must vary, or remembering one fact would be enough.
    std::smatch place;
    ASSERT_TRUE(std::regex_search(q.question, place,
                                  std::regex("(bathroom|hallway|garden|office|bedroom|kitchen)")));
    const auto answers_it = [&](const std::string& fact) {
      return fact.find(q.answer) != std::string::npos &&
             fact.find(place[1].str()) != std::string::npos;
    };
    ASSERT_NE(answers_it(q.facts[0]), answers_it(q.facts[1]));
    ++questions_about_each_fact[answers_it(q.facts[0]) ? 0 : 1];
  }
  EXPECT_EQ(answers.size(), 6u);
  EXPECT_GT(questions_about_each_fact[0], 600);
  EXPECT_GT(questions_about_each_fact[1], 600);
}

}  // namespace
}  // namespace mnemo::tasks
