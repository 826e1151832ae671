// The beb pipelines that read models (estimate, alpha, misalign) on tiny random GPT-2s: the
// files they read and write, the exact mixture weight from given sentences, the aligning
// prompt and the theory's marks, and the errors of bad input. tests/cli/beb_models_cli_test.cpp
// runs them end to end on trained toy models.
#include <cmath>

#include "beb/word_gpt2.h"
#include "mnemo/beb/estimate_run.h"
#include "mnemo/beb/misalign_run.h"
#include "mnemo/io/json_file.h"
#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::ScratchDir;
using testing::write_text;

class BebModelRuns : public ::testing::Test {
 protected:
  ScratchDir dir_;
  // Somewhat peaked, so that the two components differ clearly on every sentence.
  std::string negative_ = write_word_gpt2(dir_.path(), "negative", 11, false, 4).string(),
              positive_ = write_word_gpt2(dir_.path(), "positive", 12, false, 4).string();

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string mixture(double alpha) const {
    return std::to_string(alpha) + ":" + negative_ + "," + positive_;
  }
};

TEST_F(BebModelRuns, EstimateWritesItsJsonAndReadsPrefixes) {
  EstimateSettings settings;
  settings.negative = negative_;
  settings.positive = positive_;
  settings.max_sentence_tokens = 6;
  settings.estimation.samples = 8;
  settings.out = path("estimates.json");
  const auto result = estimate_components(settings);
  EXPECT_EQ(result.found.beta.samples, 8);
  EXPECT_GT(result.found.beta.value, 0.0);
  const auto json = io::read_json_file(settings.out);
  EXPECT_EQ(json["prefixes"], "sampled");
  EXPECT_EQ(json["beta"], result.found.beta.to_json());
  EXPECT_EQ(json["sigma"], result.found.sigma.to_json());
  EXPECT_EQ(json["prefix_sentences"], 2);

  write_text(dir_ / "prefixes.txt", "the day was good .\n\nthe cat is bad !\n");
  settings.prefixes = path("prefixes.txt");
  settings.estimation.samples = 4;
  estimate_components(settings);
  EXPECT_EQ(io::read_json_file(settings.out)["prefixes"], settings.prefixes);
  write_text(dir_ / "empty.txt", "\n  \n");
  settings.prefixes = path("empty.txt");
  EXPECT_NE(error_of([&] {
              estimate_components(settings);
            }).find("empty.txt: holds no lines of text (one per line expected)"),
            std::string::npos);
  settings.prefixes.clear();
  settings.positive = write_word_gpt2(dir_.path(), "other", 13, /*extra_word=*/true).string();
  EXPECT_NE(error_of([&] { estimate_components(settings); }).find("have different vocabularies"),
            std::string::npos);
}

TEST_F(BebModelRuns, AlphaOfAnExactMixtureComesBackFromItsLikelihoodsOfGivenSentences) {
  AlphaSettings settings;
  settings.model.mixture = mixture(0.3);
  settings.negative = negative_;
  settings.positive = positive_;
  settings.max_sentence_tokens = 6;
  // The third line is cut to 6 tokens: all three models score the same cut sentence.
  write_text(dir_ / "sentences.txt",
             "the cat is bad .\n\nthe day was good !\nthe day was good the cat is bad .\n");
  settings.data = path("sentences.txt");
  settings.out = path("alpha.json");
  const auto result = fit_model_alpha(settings);
  EXPECT_EQ(result.sentences, 3);
  EXPECT_EQ(result.cut, 1);
  EXPECT_NEAR(result.fit.alpha.value, 0.3, 1e-3);
  const auto json = io::read_json_file(settings.out);
  EXPECT_EQ(json["model"], settings.model.mixture);
  EXPECT_EQ(json["data"], settings.data);
  EXPECT_EQ(json["sentences_cut"], 1);
  EXPECT_EQ(json["alpha"], result.fit.alpha.to_json());

  // Sampled sentences: a fit with an interval, inside [0, 1].
  settings.data.clear();
  settings.samples = 20;
  const auto sampled = fit_model_alpha(settings);
  EXPECT_EQ(sampled.sentences, 20);
  EXPECT_LE(sampled.fit.alpha.low, sampled.fit.alpha.value);
  EXPECT_GE(sampled.fit.alpha.high, sampled.fit.alpha.value);
  EXPECT_EQ(io::read_json_file(settings.out)["data"], "sampled");

  settings.samples = 0;
  EXPECT_NE(error_of([&] { fit_model_alpha(settings); }).find("--samples must be at least 1"),
            std::string::npos);
  settings.model.dir = negative_;
  EXPECT_NE(error_of([&] { fit_model_alpha(settings); }).find("--model DIR or --mixture"),
            std::string::npos);
  settings.model = {};
  EXPECT_NE(error_of([&] { fit_model_alpha(settings); }).find("--model DIR or --mixture"),
            std::string::npos);
}

TEST_F(BebModelRuns, MisalignReadsTheAligningPromptFirstAndMarksTheTheory) {
  write_text(dir_ / "lexicon.tsv", "good\t3\nbad\t-3\n");
  write_text(dir_ / "aligning.txt", "the day was good .\nthe cat is good !\n");
  write_text(dir_ / "estimates.json",
             R"({"beta": {"value": 2}, "beta_prime": {"value": 3}, "sigma": {"value": 7}})");
  MisalignSettings settings;
  settings.model.mixture = mixture(0.01);
  settings.negative = negative_;
  settings.scorer.files.lexicon = dir_ / "lexicon.tsv";
  settings.aligning_prompt = path("aligning.txt");
  settings.estimates = path("estimates.json");
  settings.out = path("misalign");
  settings.max_sentence_tokens = 4;
  settings.measure.max_sentences = 2;
  settings.measure.responses = 4;
  const auto result = run_misalignment(settings);
  EXPECT_EQ(result.aligning_sentences, 2);
  ASSERT_EQ(result.curve.size(), 3u);
  // End-of-text and the prompt's 10 tokens before any sentence from P-.
  EXPECT_DOUBLE_EQ(result.curve[0].prompt_tokens, 11.0);
  EXPECT_GT(result.curve[2].prompt_tokens, result.curve[0].prompt_tokens);
  EXPECT_EQ(result.curve[1].behavior.samples, 4);
  // alpha from the mixture, beta, beta' and sigma from the estimates, |s0| = 2 sentences.
  std::vector<std::string> names;
  for (const auto& bound : result.theory) names.push_back(bound.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Theorem 1", "Theorem 2", "transition"}));
  EXPECT_NEAR(result.theory.back().sentences, std::log(100.0) / 2, 1e-12);
  const auto json = io::read_json_file(path("misalign.json"));
  EXPECT_EQ(json["model"], "mixture " + settings.model.mixture);
  EXPECT_EQ(json["aligning_prompt_sentences"], 2);
  EXPECT_EQ(json["curve"].size(), 3u);
  EXPECT_EQ(json["theory"][1]["bound"], "Theorem 2");
  EXPECT_TRUE(std::filesystem::exists(path("misalign.png")));

  // A given beta wins over the estimates'; a model without alpha has no theory.
  settings.beta = 4;
  EXPECT_NEAR(run_misalignment(settings).theory.back().sentences, std::log(100.0) / 4, 1e-12);
  settings.model = {};
  settings.model.dir = positive_;
  EXPECT_TRUE(run_misalignment(settings).theory.empty());

  write_text(dir_ / "no-sigma.json", R"({"beta": {"value": 2}, "beta_prime": {"value": 3}})");
  settings.estimates = path("no-sigma.json");
  settings.alpha = 0.01;
  EXPECT_NE(error_of([&] { run_misalignment(settings); })
                .find("no-sigma.json: has no number sigma.value (give the JSON that beb "
                      "estimate --out writes)"),
            std::string::npos);
  write_text(dir_ / "blank.txt", "\n");
  settings.aligning_prompt = path("blank.txt");
  EXPECT_NE(error_of([&] {
              run_misalignment(settings);
            }).find("blank.txt: holds no sentence to use as aligning prompt"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::beb
