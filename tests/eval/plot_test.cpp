#include "mnemo/eval/plot.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace mnemo::eval {
namespace {

// Saved `rmt eval --json` files drawn together; a file of anything else is named.
TEST(Plot, ResultFilesDrawTogetherAndAForeignFileIsNamed) {
  testing::ScratchDir dir;
  const std::vector<AccuracyRow> first = {{"a", 1, 51, 9, 10, 1.0}, {"a", 2, 102, 7, 10, 2.0}};
  const std::vector<AccuracyRow> second = {{"b", 1, 51, 5, 10, 1.0}};
  testing::write_text(dir / "a.json", results_json(first).dump());
  testing::write_text(dir / "b.json", results_json(second).dump());
  const auto png = dir / "both.png";
  plot_accuracy_files({(dir / "a.json").string(), (dir / "b.json").string()}, png, "title");
  EXPECT_GT(std::filesystem::file_size(png), 1000u);

  testing::write_text(dir / "other.json", R"({"accuracy": 0.5})");
  const auto error = testing::error_of(
      [&] { plot_accuracy_files({(dir / "other.json").string()}, dir / "x.png", "title"); });
  EXPECT_NE(error.find("other.json"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}

}  // namespace
}  // namespace mnemo::eval
