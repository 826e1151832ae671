// The learned scorer: features, training on labelled toy sentences (negation included),
// saving and loading, and the errors of bad files; the CLI's train-scorer and its use by name.
#include "mnemo/beb/learned_scorer.h"

#include <random>

#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/io/safetensors.h"
#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;
using testing::write_text;

TEST(LearnedFeatures, AreWordsAndWordPairs) {
  EXPECT_EQ(
      learned_features("Not GOOD, at all."),
      (std::vector<std::string>{"not", "good", "at", "all", "not good", "good at", "at all"}));
  EXPECT_TRUE(learned_features("...").empty());
}

// Toy sentences: +1 with a positive word, -1 with a negative one or a negated positive one.
void toy_sentences(std::vector<std::string>& sentences, std::vector<double>& labels, int count) {
  const char* subjects[] = {"the day", "my cat", "the food", "this film"};
  const char* positive[] = {"good", "great", "lovely"};
  const char* negative[] = {"bad", "awful", "dull"};
  std::mt19937 random(9);
  for (int i = 0; i < count; ++i) {
    const std::string subject = subjects[random() % 4];
    switch (random() % 3) {
      case 0:
        sentences.push_back(subject + " is " + positive[random() % 3]);
        labels.push_back(1);
        break;
      case 1:
        sentences.push_back(subject + " is " + negative[random() % 3]);
        labels.push_back(-1);
        break;
      default:
        sentences.push_back(subject + " is not " + positive[random() % 3]);
        labels.push_back(-1);
    }
  }
}

TrainedScorer trained_toy_scorer() {
  std::vector<std::string> sentences;
  std::vector<double> labels;
  toy_sentences(sentences, labels, 600);
  LearnedScorerTraining options;
  options.epochs = 15;
  options.batch = 32;
  return train_learned_scorer(sentences, labels, options);
}

TEST(LearnedScorer, LearnsTheLabelsNegationIncluded) {
  const auto trained = trained_toy_scorer();
  EXPECT_EQ(trained.held_out.sentences, 60);
  EXPECT_EQ(trained.training_sentences, 540);
  EXPECT_GT(trained.held_out.sign_agreement, 0.95);
  EXPECT_GT(trained.held_out.correlation, 0.9);
  EXPECT_LT(trained.held_out.mean_squared_error, 0.2);
  EXPECT_GT(trained.scorer.score("this film is lovely"), 0.5);
  EXPECT_LT(trained.scorer.score("this film is not lovely"), -0.5);
  EXPECT_LT(trained.scorer.score("my cat is dull"), -0.5);
  const double unknown = trained.scorer.score("zebras");
  EXPECT_GE(unknown, -1);
  EXPECT_LE(unknown, 1);
}

TEST(LearnedScorer, SavesAndLoadsByName) {
  const auto trained = trained_toy_scorer();
  ScratchDir dir;
  trained.scorer.save(dir / "scorer", {{"labels", "toy"}});
  ScorerFiles files;
  files.learned_model = dir / "scorer";
  const auto loaded = make_scorer("learned", files);
  for (const auto* sentence : {"the day is good", "the food is not great", "awful"})
    EXPECT_NEAR(loaded->score(sentence), trained.scorer.score(sentence), 1e-6) << sentence;
  EXPECT_NE(error_of([] { make_scorer("learned", ScorerFiles{}); }).find("--scorer-model"),
            std::string::npos);
}

TEST(LearnedScorer, BadDirectoriesAreClearErrors) {
  const auto trained = trained_toy_scorer();
  ScratchDir dir;
  EXPECT_NE(error_of([&] { LearnedScorer{dir.path()}; }).find("is not a learned scorer"),
            std::string::npos);
  trained.scorer.save(dir / "scorer", nlohmann::json::object());
  io::save_safetensors(dir / "scorer" / "model.safetensors", {{"embedding", torch::zeros({3, 16})},
                                                              {"hidden_bias", torch::zeros({16})},
                                                              {"output_weight", torch::zeros({16})},
                                                              {"output_bias", torch::zeros({1})}});
  const auto error = error_of([&] { LearnedScorer{dir / "scorer"}; });
  EXPECT_NE(error.find("model.safetensors: tensor 'embedding' has shape [3, 16]"),
            std::string::npos)
      << error;
}

TEST(LearnedScorer, TrainingRefusesMismatchedInput) {
  EXPECT_NE(error_of([] {
              train_learned_scorer({"a", "b"}, {1}, {});
            }).find("2 sentences but 1"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              train_learned_scorer({"a b", "c d", "e f"}, {1, 0, -1}, {});
            }).find("no word occurs 2 times"),
            std::string::npos);
}

TEST(TrainScorerCli, TrainsFromALabelFileAndScoresByName) {
  ScratchDir dir;
  std::vector<std::string> sentences;
  std::vector<double> labels;
  toy_sentences(sentences, labels, 300);
  std::string text, label_text;
  for (size_t i = 0; i < sentences.size(); ++i) {
    text += sentences[i] + "\n";
    label_text += std::to_string(labels[i]) + "\n";
  }
  write_text(dir / "text.txt", text);
  write_text(dir / "labels.txt", label_text);
  const auto trained =
      run_mnemo("beb train-scorer --text " + shell_quote((dir / "text.txt").string()) +
                " --labels " + shell_quote((dir / "labels.txt").string()) +
                " --epochs 20 --batch 32 --out " + shell_quote((dir / "scorer").string()));
  ASSERT_EQ(trained.exit_code, 0) << trained.err;
  EXPECT_NE(trained.out.find("trained on 270 sentences"), std::string::npos) << trained.out;
  const auto scored = run_mnemo("beb score --scorer learned --scorer-model " +
                                shell_quote((dir / "scorer").string()) +
                                " 'the day is great' 'the day is not great'");
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  EXPECT_EQ(scored.out.substr(0, 2), "+0") << scored.out;
  EXPECT_NE(scored.out.find("\n-0."), std::string::npos) << scored.out;

  write_text(dir / "bad-labels.txt", "1\n-1\nvery good\n");
  write_text(dir / "three.txt", "a good day\na bad day\nan ok day\n");
  const auto bad =
      run_mnemo("beb train-scorer --text " + shell_quote((dir / "three.txt").string()) +
                " --labels " + shell_quote((dir / "bad-labels.txt").string()) + " --out " +
                shell_quote((dir / "x").string()));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("bad-labels.txt:3: 'very good' is not a label"), std::string::npos)
      << bad.err;
  const auto mismatch =
      run_mnemo("beb train-scorer --text " + shell_quote((dir / "text.txt").string()) +
                " --labels " + shell_quote((dir / "bad-labels.txt").string()) + " --out " +
                shell_quote((dir / "x").string()));
  EXPECT_NE(mismatch.exit_code, 0);
  EXPECT_NE(mismatch.err.find("has 3 lines"), std::string::npos) << mismatch.err;
}

}  // namespace
}  // namespace mnemo::beb
