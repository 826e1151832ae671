#include "mnemo/eval/report.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"

namespace mnemo::eval {
namespace {

TEST(Report, WilsonIntervalMatchesTheTextbookValues) {
  // 8 of 10: [0.490, 0.943]; 0 of 10: [0, 0.278]; 100 of 100: [0.963, 1].
  const auto eight = wilson_interval(8, 10);
  EXPECT_NEAR(eight.low, 0.4902, 1e-4);
  EXPECT_NEAR(eight.high, 0.9433, 1e-4);
  const auto none = wilson_interval(0, 10);
  EXPECT_NEAR(none.low, 0.0, 1e-12);
  EXPECT_NEAR(none.high, 0.2775, 1e-4);
  const auto all = wilson_interval(100, 100);
  EXPECT_NEAR(all.low, 0.9630, 1e-4);
  EXPECT_NEAR(all.high, 1.0, 1e-12);
}

TEST(Report, TableAndJsonCarryEveryRow) {
  std::vector<AccuracyRow> rows = {{"m", 1, 115, 97, 100, 1.5}, {"m", 2, 230, 50, 100, 3.0}};
  const auto table = markdown_table(rows);
  EXPECT_NE(table.find("| m | 1 | 115 | 97.0% | 91.5-99.0% | 100 | 1.5 |"), std::string::npos)
      << table;
  const auto json = results_json(rows);
  ASSERT_EQ(json["results"].size(), 2u);
  EXPECT_EQ(json["results"][1]["segments"], 2);
  EXPECT_EQ(json["results"][1]["tokens"], 230);
  EXPECT_DOUBLE_EQ(json["results"][1]["accuracy"].get<double>(), 0.5);
  EXPECT_EQ(json["results"][1]["n"], 100);

  const auto back = rows_from_json(json, "results.json");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].correct, 50);
  EXPECT_EQ(back[0].tokens, 115);
  auto broken = json;
  broken["results"][0]["correct"] = 101;
  EXPECT_THROW(rows_from_json(broken, "results.json"), Error);
  EXPECT_THROW(rows_from_json(nlohmann::json::array(), "results.json"), Error);
}

}  // namespace
}  // namespace mnemo::eval
