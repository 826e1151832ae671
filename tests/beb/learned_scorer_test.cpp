// The learned scorer: features, training through the Trainer on labelled toy sentences
// (negation included), resuming a killed run, saving and loading, and the errors of bad files
// and bad training input. The command line's train-scorer is in tests/cli/beb_cli_test.cpp.
#include "mnemo/beb/learned_scorer.h"

#include "beb/toy_sentences.h"
#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/train/scorer_training.h"
#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::ScratchDir;
using testing::write_text;

TEST(LearnedFeatures, AreWordsAndWordPairs) {
  EXPECT_EQ(
      learned_features("Not GOOD, at all."),
      (std::vector<std::string>{"not", "good", "at", "all", "not good", "good at", "at all"}));
  EXPECT_TRUE(learned_features("...").empty());
}

// Training on 600 toy sentences of dir, 10% held out, into dir/`run`.
train::ScorerTrainSettings toy_scorer_settings(const ScratchDir& dir, const std::string& run) {
  write_toy_labelled_sentences(dir.path(), 600);
  train::ScorerTrainSettings settings;
  settings.text = (dir / "text.txt").string();
  settings.labels = (dir / "labels.txt").string();
  settings.out = (dir / run).string();
  settings.epochs = 15;
  settings.batch = 32;
  return settings;
}

TEST(LearnedScorer, TrainsToSeparatePositiveFromNegativeNegationIncluded) {
  const ScratchDir dir;
  const auto trained = train::train_scorer(toy_scorer_settings(dir, "run"));
  EXPECT_EQ(trained.held_out.sentences, 60);
  EXPECT_EQ(trained.training_sentences, 540);
  EXPECT_TRUE(trained.state.finished);
  EXPECT_EQ(trained.state.stages.size(), 1u);
  EXPECT_EQ(trained.state.stages[0]["steps"], (15 * 540 + 31) / 32);  // the whole budget
  EXPECT_GT(trained.held_out.sign_agreement, 0.95);
  EXPECT_GT(trained.held_out.correlation, 0.9);
  EXPECT_LT(trained.held_out.mean_squared_error, 0.2);
  // The run directory is the scorer (its top holds the final one), as is its model/.
  ScorerFiles files;
  files.learned_model = dir / "run";
  const auto scorer = make_scorer("learned", files);
  EXPECT_GT(scorer->score("this film is lovely"), 0.5);
  EXPECT_LT(scorer->score("this film is not lovely"), -0.5);
  EXPECT_LT(scorer->score("my cat is dull"), -0.5);
  const double unknown = scorer->score("zebras");
  EXPECT_GE(unknown, -1);
  EXPECT_LE(unknown, 1);
  const LearnedScorer model(dir / "run" / "model");
  for (const auto* sentence : {"the day is good", "the food is not great"})
    EXPECT_DOUBLE_EQ(model.score(sentence), scorer->score(sentence)) << sentence;
  const auto about = nlohmann::json::parse(io::read_file(dir / "run" / "learned-scorer.json"));
  EXPECT_EQ(about["held_out"]["sentences"], 60);
  EXPECT_EQ(about["training_sentences"], 540);
  EXPECT_EQ(about["features"].size(), model.feature_count());
  // A second start in the same directory is refused rather than mixing two runs.
  EXPECT_NE(error_of([&] {
              train::train_scorer(toy_scorer_settings(dir, "run"));
            }).find("already holds a training run"),
            std::string::npos);
}

struct ScorerRunKilled {};

TEST(LearnedScorer, ResumeAfterAKillEndsExactlyWhereAnUninterruptedRunEnds) {
  const ScratchDir dir;
  const auto straight = train::train_scorer(toy_scorer_settings(dir, "straight"));
  const int64_t steps = straight.state.stages[0]["steps"];
  // 540 sentences in batches of 32: a checkpoint every 17 steps. Killed at step 40, the
  // run resumes from step 34.
  Progress killing;
  killing.on_update = [](double done, double, const std::string&, bool) {
    if (done == 40) throw ScorerRunKilled();
  };
  EXPECT_THROW(train::train_scorer(toy_scorer_settings(dir, "killed"), killing), ScorerRunKilled);
  EXPECT_FALSE(std::filesystem::exists(dir / "killed" / "learned-scorer.json"));

  train::ScorerTrainSettings resume;  // everything else comes from the run's run.json
  resume.out = (dir / "killed").string();
  resume.resume = true;
  std::vector<std::string> notes;
  int64_t steps_after_resume = 0;
  Progress watching;
  watching.on_note = [&](const std::string& line) { notes.push_back(line); };
  watching.on_update = [&](double, double, const std::string& status, bool) {
    steps_after_resume += status.find(" val ") == std::string::npos;
  };
  const auto resumed = train::train_scorer(resume, watching);
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("at stage 1, step 34"), std::string::npos) << notes.back();
  EXPECT_EQ(steps_after_resume, steps - 34);
  EXPECT_EQ(resumed.training_sentences, 540);
  EXPECT_EQ(resumed.held_out.sentences, 60);

  const LearnedScorer expected(dir / "straight"), actual(dir / "killed");
  const auto expected_weights = expected.parameters(), actual_weights = actual.parameters();
  for (size_t i = 0; i < expected_weights.size(); ++i)
    EXPECT_TRUE(expected_weights[i].equal(actual_weights[i])) << "tensor " << i;
  EXPECT_DOUBLE_EQ(resumed.held_out.mean_squared_error, straight.held_out.mean_squared_error);
}

TEST(LearnedScorer, SavesAndLoadsByName) {
  const ScratchDir dir;
  train::train_scorer(toy_scorer_settings(dir, "run"));
  const LearnedScorer trained(dir / "run");
  trained.save(dir / "scorer", {{"labels", "toy"}});
  ScorerFiles files;
  files.learned_model = dir / "scorer";
  const auto loaded = make_scorer("learned", files);
  for (const auto* sentence : {"the day is good", "the food is not great", "awful"})
    EXPECT_NEAR(loaded->score(sentence), trained.score(sentence), 1e-6) << sentence;
  EXPECT_NE(error_of([] { make_scorer("learned", ScorerFiles{}); }).find("--scorer-model"),
            std::string::npos);
}

TEST(LearnedScorer, BadDirectoriesAreClearErrors) {
  const ScratchDir dir;
  EXPECT_NE(error_of([&] { LearnedScorer{dir.path()}; }).find("is not a learned scorer"),
            std::string::npos);
  const auto scorer = LearnedScorer::untrained({"good", "bad", "day", "cat"}, 16);
  scorer.save(dir / "scorer", nlohmann::json::object());
  io::save_safetensors(dir / "scorer" / "model.safetensors", {{"embedding", torch::zeros({3, 16})},
                                                              {"hidden_bias", torch::zeros({16})},
                                                              {"output_weight", torch::zeros({16})},
                                                              {"output_bias", torch::zeros({1})}});
  const auto error = error_of([&] { LearnedScorer{dir / "scorer"}; });
  EXPECT_NE(error.find("model.safetensors: tensor 'embedding' has shape [3, 16]"),
            std::string::npos)
      << error;
  // Weights saved for other features do not load into a scorer.
  auto other = LearnedScorer::untrained({"good", "bad", "day", "dog"}, 16);
  scorer.save(dir / "scorer", nlohmann::json::object());
  EXPECT_NE(error_of([&] { other.load_weights(dir / "scorer"); }).find("lists other features"),
            std::string::npos);
}

TEST(LearnedScorer, TrainingRefusesBadInput) {
  const ScratchDir dir;
  write_text(dir / "three.txt", "a b\nc d\ne f\n");
  train::ScorerTrainSettings settings;
  settings.text = (dir / "three.txt").string();
  settings.out = (dir / "run").string();
  settings.label_scorer.name = "learned";
  EXPECT_NE(error_of([&] { train::train_scorer(settings); }).find("--label-scorer-model"),
            std::string::npos);
  write_text(dir / "labels.txt", "1\n0\n-1\n");
  settings.labels = (dir / "labels.txt").string();
  EXPECT_NE(error_of([&] { train::train_scorer(settings); }).find("no word occurs 2 times"),
            std::string::npos);
  settings.held_out_fraction = 1;
  EXPECT_NE(error_of([&] { train::train_scorer(settings); }).find("--held-out must lie in [0, 1)"),
            std::string::npos);
  settings.held_out_fraction = 0.7;  // 2 of the 3 held out
  EXPECT_NE(error_of([&] { train::train_scorer(settings); }).find("fewer than 2 training"),
            std::string::npos);
  settings.resume = true;
  EXPECT_NE(error_of([&] { train::train_scorer(settings); }).find("no run.json"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::beb
