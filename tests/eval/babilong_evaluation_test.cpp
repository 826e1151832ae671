// `babilong eval` as a library call: rows per task and column, and the counting of answers.
#include "mnemo/eval/babilong_evaluation.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/rmt/decoder_checkpoint.h"
#include "task_world.h"

namespace mnemo::eval {
namespace {

using testing::error_of;
using testing::TaskWorld;
using testing::write_text;

// An untrained decoder RMT model directory on the world's tokenizer.
std::string tiny_decoder_directory(const TaskWorld& world) {
  io::AtomicDirectory out(world.dir / "model");
  rmt::save_decoder_rmt(out, world.tiny_decoder_rmt());
  out.commit();
  return (world.dir / "model").string();
}

TEST(BabilongEvaluation, ARowPerTaskAndColumn) {
  const TaskWorld world;
  // An empty target occurs in any answer (BABILong's check); a made-up word in none.
  const auto data = world.dir / "mixed.jsonl";
  write_text(data,
             "{\"input\": \"mary went to the garden .\", \"question\": \"where is mary ?\", "
             "\"target\": \"\"}\n"
             "{\"input\": \"john went to the office .\", \"question\": \"where is john ?\", "
             "\"target\": \"zzzz\"}\n"
             "{\"input\": \"mary went to the hallway .\", \"question\": \"where is mary ?\", "
             "\"target\": \"\"}\n");
  std::string babi;
  for (int story = 0; story < 12; ++story)
    babi += "1 Mary moved to the garden.\n2 Where is Mary? \tgarden\t1\n";
  write_text(world.dir / "qa1_test.txt", babi);

  BabilongEvalSettings settings;
  settings.model = tiny_decoder_directory(world);
  settings.data = {data.string()};
  settings.babi = {(world.dir / "qa1_test.txt").string()};
  settings.noise = {world.noise_file.string()};
  settings.lengths = "0,40";
  settings.samples = 2;
  settings.max_new_tokens = 3;
  int64_t updates = 0;
  Progress progress;
  progress.on_update = [&](double, double, const std::string&, bool) { ++updates; };
  const auto result = evaluate_babilong(settings, progress);

  EXPECT_EQ(result.columns, (std::vector<std::string>{"mixed.jsonl", "0", "40"}));
  ASSERT_EQ(result.rows.size(), 3u);
  EXPECT_EQ(result.rows[0].model, "mixed");
  EXPECT_EQ(result.rows[0].segments, 0);
  EXPECT_EQ(result.rows[0].n, 3);
  EXPECT_EQ(result.rows[0].correct, 2);
  for (size_t r = 1; r < 3; ++r) {
    EXPECT_EQ(result.rows[r].model, "qa1");
    EXPECT_EQ(result.rows[r].segments, static_cast<int64_t>(r));
    EXPECT_EQ(result.rows[r].n, 2);
  }
  // The longest prompt: 40 tokens of input with the question and "Answer:" after it.
  EXPECT_GT(result.rows[2].tokens, 40);
  EXPECT_LT(result.rows[1].tokens, result.rows[2].tokens);
  EXPECT_EQ(updates, 3 + 2 + 2);  // one a sample

  const auto json = result.to_json()["results"];
  ASSERT_EQ(json.size(), 3u);
  for (size_t r = 0; r < 3; ++r) EXPECT_EQ(json[r]["length"], result.columns[r]);
  EXPECT_EQ(json[0]["correct"], 2);

  settings.data.clear();
  settings.babi.clear();
  EXPECT_NE(error_of([&] { evaluate_babilong(settings); }).find("give --data FILE... or --babi"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::eval
