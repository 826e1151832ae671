#include "mnemo/rmt/warm_start.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "task_world.h"

namespace mnemo::rmt {
namespace {

namespace fs = std::filesystem;
using testing::TaskWorld;

bool same_weights(const torch::Tensor& a, const torch::Tensor& b) {
  return a.sizes() == b.sizes() && torch::equal(a, b);
}

TEST(WarmStart, HeadRowsFollowTheSameAnswersInAnyOrder) {
  EXPECT_EQ(head_rows({"a", "b", "c"}, {"c", "a", "b"}), (std::vector<int64_t>{2, 0, 1}));
  EXPECT_EQ(head_rows({"a", "b"}, {"a", "b"}), (std::vector<int64_t>{0, 1}));
  EXPECT_FALSE(head_rows({"a", "b"}, {"a", "c"}));
  EXPECT_FALSE(head_rows({"a", "b"}, {"a", "b", "c"}));
}

// The next step of a curriculum: with the same answers in another order (a bAbI file's come
// sorted) the memory rows and head go on, each answer's head row with it.
TEST(WarmStart, AnRmtWithTheSameAnswersKeepsMemoryRowsAndEachAnswersHeadRow) {
  const TaskWorld world;
  torch::manual_seed(0);
  auto first = world.tiny_rmt(2, 16);
  testing::save_rmt_dir(first, world.dir / "first");
  auto labels = tasks::place_labels();
  std::reverse(labels.begin(), labels.end());
  ModelStart start;
  start.init = (world.dir / "first").string();
  start.memory_size = 2;
  testing::RecordedNotes notes;
  const auto task = tasks::TaskSpec{}.to_json();
  auto continued = build_model(start, labels, task, notes.progress());

  EXPECT_TRUE(notes.has("backbone, memory rows and answer head")) << notes.lines.size();
  const auto& config = continued.model->config();
  EXPECT_EQ(config.labels, labels);
  EXPECT_EQ(config.segment_size, 16);
  EXPECT_TRUE(same_weights(continued.model->initial_memory(1), first.model->initial_memory(1)));
  const auto& was = first.model->config().labels;
  for (size_t row = 0; row < labels.size(); ++row) {
    const int64_t first_row = std::find(was.begin(), was.end(), labels[row]) - was.begin();
    const auto r = static_cast<int64_t>(row);
    EXPECT_TRUE(same_weights(continued.model->classifier->weight[r],
                             first.model->classifier->weight[first_row]))
        << labels[row];
    EXPECT_TRUE(same_weights(continued.model->classifier->bias[r],
                             first.model->classifier->bias[first_row]))
        << labels[row];
  }
  // Another segment size for the next step is taken as asked.
  start.segment_size = 12;
  EXPECT_EQ(build_model(start, labels, task).model->config().segment_size, 12);
}

// Other answers, or another memory size: only the backbone goes on, and the vocabulary is not
// grown by a second set of memory rows.
TEST(WarmStart, OtherAnswersOrMemorySizeKeepOnlyTheBackbone) {
  const TaskWorld world;
  torch::manual_seed(0);
  auto first = world.tiny_rmt(2, 16);
  testing::save_rmt_dir(first, world.dir / "first");
  ModelStart start;
  start.init = (world.dir / "first").string();
  start.memory_size = 2;
  const auto task = tasks::TaskSpec{}.to_json();
  const auto first_query =
      first.model->bert->named_parameters()["encoder.layer.0.attention.self.query.weight"];

  testing::RecordedNotes other_notes;
  auto other = build_model(start, {"bathroom", "moon"}, task, other_notes.progress());
  EXPECT_TRUE(other_notes.has("new memory rows and head: other answers"));
  EXPECT_EQ(other.model->bert->config().vocab_size, first.model->bert->config().vocab_size);
  EXPECT_EQ(other.model->config().labels, (std::vector<std::string>{"bathroom", "moon"}));
  EXPECT_FALSE(torch::allclose(other.model->initial_memory(1), first.model->initial_memory(1)));
  EXPECT_TRUE(same_weights(
      other.model->bert->named_parameters()["encoder.layer.0.attention.self.query.weight"],
      first_query));

  start.memory_size = 3;
  testing::RecordedNotes memory_notes;
  const auto bigger = build_model(start, tasks::place_labels(), task, memory_notes.progress());
  EXPECT_TRUE(memory_notes.has("new memory rows and head: another memory size"));
  EXPECT_EQ(bigger.model->config().memory_size, 3);
  EXPECT_EQ(bigger.model->bert->config().vocab_size, first.model->bert->config().vocab_size + 1);
}

TEST(WarmStart, ANewBackboneHasTheGeometrysSegmentAndNeedsATokenizer) {
  const TaskWorld world;
  ModelStart start;
  start.geometry = "tiny";
  const auto task = tasks::TaskSpec{}.to_json();
  EXPECT_NE(testing::error_of([&] {
              build_model(start, tasks::place_labels(), task);
            }).find("give --tokenizer DIR"),
            std::string::npos);
  start.tokenizer = world.tokenizer_dir.string();
  const auto model = build_model(start, tasks::place_labels(), task);
  EXPECT_EQ(model.model->config().segment_size, 64);
  EXPECT_EQ(model.model->config().memory_size, 10);
  EXPECT_EQ(model.model->bert->config().vocab_size, world.tokenizer->vocab_size() + 10);
  EXPECT_EQ(model.model->bert->config().num_hidden_layers, 2);
}

// A BERT directory: its weights go on, the segment is its positions, and nothing is noted
// when every weight fits.
TEST(WarmStart, ABertDirectoryKeepsItsWeights) {
  const TaskWorld world;
  torch::manual_seed(0);
  auto config = nn::bert_geometry("tiny", world.tokenizer->vocab_size());
  config.max_position_embeddings = 32;
  nn::BertModel bert(config);
  {
    io::AtomicDirectory out(world.dir / "bert");
    nn::save_bert(out, *bert);
    world.tokenizer->save(out.staging());
    out.commit();
  }
  ModelStart start;
  start.init = (world.dir / "bert").string();
  start.memory_size = 4;
  testing::RecordedNotes notes;
  const auto model =
      build_model(start, tasks::place_labels(), tasks::TaskSpec{}.to_json(), notes.progress());
  EXPECT_TRUE(notes.lines.empty()) << notes.lines.front();
  EXPECT_EQ(model.model->config().segment_size, 32);
  EXPECT_EQ(model.model->config().memory_size, 4);
  const auto name = "encoder.layer.1.output.dense.weight";
  EXPECT_TRUE(
      same_weights(model.model->bert->named_parameters()[name], bert->named_parameters()[name]));
}

}  // namespace
}  // namespace mnemo::rmt
