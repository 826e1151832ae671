#include "mnemo/eval/attention_map.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>

#include "task_world.h"

namespace mnemo::eval {
namespace {

using testing::TaskWorld;

TEST(AttentionMap, DrawsAPanelPerSegmentAndRefusesLayersAndHeadsTheModelLacks) {
  const TaskWorld world;
  torch::manual_seed(0);
  const auto rmt = world.tiny_rmt(2, 16);  // 2 layers, 4 heads
  testing::save_rmt_dir(rmt, world.dir / "model");
  AttentionMapSettings settings;
  settings.model = (world.dir / "model").string();
  settings.task.noise = {world.noise_file.string()};
  settings.segments = 3;
  settings.layer = 1;
  settings.png = (world.dir / "attention.png").string();
  const auto result = draw_attention_map(settings);
  const auto& labels = tasks::place_labels();
  EXPECT_NE(std::find(labels.begin(), labels.end(), result.answer), labels.end());
  EXPECT_NE(std::find(labels.begin(), labels.end(), result.truth), labels.end());
  EXPECT_GT(std::filesystem::file_size(settings.png), 1000u);

  settings.noise_tokens = -1;  // every position
  settings.head = 3;
  EXPECT_EQ(draw_attention_map(settings).truth, result.truth);  // the same sample

  settings.layer = 7;
  EXPECT_NE(testing::error_of([&] {
              draw_attention_map(settings);
            }).find("--layer 7: the model has 2 layers (0..1)"),
            std::string::npos);
  settings.layer = -1;
  settings.head = 4;
  EXPECT_NE(testing::error_of([&] {
              draw_attention_map(settings);
            }).find("--head 4: the model has 4 heads"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::eval
