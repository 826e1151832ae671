#include "mnemo/rmt/answer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "task_world.h"

namespace mnemo::rmt {
namespace {

using testing::TaskWorld;

// Files read as a stream give the answer and probabilities of the whole input read at once.
TEST(Answer, StreamedFilesAnswerAsTheWholeInputWould) {
  const TaskWorld world;
  torch::manual_seed(0);
  auto rmt = world.tiny_rmt(2, 16);  // 11 input tokens a segment
  testing::save_rmt_dir(rmt, world.dir / "run" / "model");
  const auto story = world.dir / "story.txt";
  testing::write_text(story, "Mary went to the kitchen.\n");
  AnswerSettings settings;
  settings.model = (world.dir / "run").string();  // a run directory stands for its model/
  settings.inputs = {story.string(), world.noise_file.string()};
  settings.question = "Where is Mary?";
  int counting = 0, reading = 0;
  Progress progress;
  progress.on_update = [&](double, double, const std::string& status, bool) {
    ++(status.rfind("counting", 0) == 0 ? counting : reading);
  };
  const auto answer = answer_question(settings, progress);
  EXPECT_GT(counting, 0);
  EXPECT_GT(reading, 0);

  std::vector<int32_t> tokens;
  auto append = [&](const std::string& text) {
    for (const int64_t id : rmt.tokenizer->encode(text)) tokens.push_back(int32_t(id));
  };
  append("Mary went to the kitchen.");
  std::ifstream noise(world.noise_file);
  for (std::string line; std::getline(noise, line);) append(line);
  append(settings.question);
  rmt.model->eval();
  torch::NoGradGuard no_grad;
  const auto probabilities = torch::softmax(rmt.model->forward({&tokens}).logits, 1)[0];

  EXPECT_EQ(answer.tokens, tokens.size());
  EXPECT_EQ(answer.segments, static_cast<int64_t>((tokens.size() + 10) / 11));
  const auto& labels = rmt.model->config().labels;
  ASSERT_EQ(answer.probabilities.size(), labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(answer.probabilities[i].first, labels[i]);
    EXPECT_NEAR(answer.probabilities[i].second, probabilities[int64_t(i)].item<double>(), 1e-5)
        << labels[i];
  }
  EXPECT_EQ(answer.answer, labels[probabilities.argmax().item<int64_t>()]);
  EXPECT_GT(answer.tokens_per_s, 0);
  EXPECT_GT(answer.peak_rss_mb, 0);
  const auto json = answer.to_json();
  EXPECT_EQ(json["answer"], answer.answer);
  EXPECT_EQ(json["probabilities"].size(), labels.size());

  settings.question = " ";
  EXPECT_NE(testing::error_of([&] { answer_question(settings); }).find("--question: no tokens"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::rmt
