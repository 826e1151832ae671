// The BEB sentence models on tiny random GPT-2s the test writes: sentence log-probabilities
// against a plain forward pass, sampling against those probabilities, and the exact mixture's
// posterior.
#include "mnemo/beb/sentence_model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "beb/word_gpt2.h"
#include "mnemo/beb/estimation.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::ScratchDir;

// The forward pass is float: sequences of different lengths take different kernels, so sums of
// log-probabilities agree to float rounding (about 1e-7 relative), not to the last bit.
constexpr double kFloatForward = 1e-5;

// log p(ids[t] | ids[<t]) summed over t >= from, by a plain forward pass.
double forward_log_prob(const std::filesystem::path& dir, const Tokens& ids, size_t from) {
  auto model = nn::load_gpt2(dir).model;
  model->eval();
  torch::NoGradGuard no_grad;
  nn::Gpt2Inputs inputs;
  inputs.input_ids = torch::tensor(ids, torch::kLong).unsqueeze(0);
  const auto log_probs = model->forward(inputs)[0].to(torch::kDouble).log_softmax(-1);
  double sum = 0;
  for (size_t t = from; t < ids.size(); ++t) sum += log_probs[t - 1][ids[t]].item<double>();
  return sum;
}

class SentenceModelTest : public ::testing::Test {
 protected:
  ScratchDir dir_;
  std::filesystem::path a_ = write_word_gpt2(dir_.path(), "a", 1),
                        b_ = write_word_gpt2(dir_.path(), "b", 2);
};

TEST_F(SentenceModelTest, SentenceEndsAreEndOfTextAndFinalPunctuation) {
  Gpt2SentenceModel model(a_, 4);
  const auto& ends = model.sentence_ends();
  const auto& tokenizer = model.tokenizer();
  EXPECT_EQ(ends.end_of_text(), 3);
  EXPECT_TRUE(ends.ends(3));
  EXPECT_TRUE(ends.ends(*tokenizer.token_id(".")));
  EXPECT_TRUE(ends.ends(*tokenizer.token_id("!")));
  EXPECT_FALSE(ends.ends(*tokenizer.token_id("good")));
  EXPECT_FALSE(ends.ends(-1));
}

TEST_F(SentenceModelTest, LogProbIsTheForwardPassSumOverTheSentence) {
  Gpt2SentenceModel model(a_, 4);
  const Tokens context{3, 7, 8, 9, 10, 5};
  const Tokens sentence{12, 13, 11, 5};
  Tokens all = context;
  all.insert(all.end(), sentence.begin(), sentence.end());
  EXPECT_NEAR(model.log_prob(context, sentence), forward_log_prob(a_, all, context.size()),
              kFloatForward);
  const auto [context_part, sentence_part] = model.log_probs(context, sentence);
  EXPECT_NEAR(context_part, forward_log_prob(a_, context, 1), kFloatForward);
  EXPECT_NEAR(sentence_part, model.log_prob(context, sentence), 1e-12);
}

TEST_F(SentenceModelTest, LongContextsAreReadThroughTheWindow) {
  Gpt2SentenceModel model(a_, 4);  // 32 positions: a window of 28 context tokens
  Tokens context{3};
  for (int i = 0; i < 40; ++i) context.push_back(7 + i % 7);
  EXPECT_EQ(model.window(context).size(), 28u);
  EXPECT_EQ(model.window(context).back(), context.back());
  const Tokens sentence{10, 5};
  Tokens windowed = model.window(context);
  const auto window_length = windowed.size();
  windowed.insert(windowed.end(), sentence.begin(), sentence.end());
  EXPECT_NEAR(model.log_prob(context, sentence), forward_log_prob(a_, windowed, window_length),
              kFloatForward);
  EXPECT_NEAR(model.log_probs(context, sentence).first,
              forward_log_prob(a_, model.window(context), 1), kFloatForward);
  EXPECT_NE(error_of([&] { model.log_prob(context, Tokens(5, 7)); }).find("longer than the 4"),
            std::string::npos);
  EXPECT_NE(error_of([&] { Gpt2SentenceModel(a_, 17); }).find("32 positions"), std::string::npos);
}

TEST_F(SentenceModelTest, SamplesEndAtASentenceEndOrTheLimit) {
  Gpt2SentenceModel model(a_, 6);
  std::mt19937_64 random(3);
  for (int i = 0; i < 50; ++i) {
    const auto sentence = model.sample({3, 8}, random);
    ASSERT_FALSE(sentence.empty());
    ASSERT_LE(sentence.size(), 6u);
    for (size_t t = 0; t + 1 < sentence.size(); ++t)
      EXPECT_FALSE(model.sentence_ends().ends(sentence[t]));
    if (sentence.size() < 6) EXPECT_TRUE(model.sentence_ends().ends(sentence.back()));
  }
}

// One-token sentences (a model of max_tokens 1) after two contexts: the model's
// probabilities of each token, and how often each is sampled.
struct OneTokenDraws {
  std::vector<double> probability;  // exp(log_prob), by token
  std::vector<int> count;           // of `draws` samples, by token
  int draws = 0;
};

OneTokenDraws draw_one_tokens(SentenceModel& model, const Tokens& context, int draws,
                              uint64_t seed) {
  OneTokenDraws found;
  found.draws = draws;
  found.count.assign(14, 0);
  for (int64_t token = 0; token < 14; ++token)
    found.probability.push_back(std::exp(model.log_prob(context, {token})));
  std::mt19937_64 random(seed);
  for (int i = 0; i < draws; ++i) ++found.count.at(model.sample(context, random).at(0));
  return found;
}

// Sampled frequencies against the model's own probabilities, after two contexts whose
// probabilities differ a lot, so that a sampler ignoring the model (uniform draws, say), the
// context (the first context's distribution for both) or the spread (always the likeliest
// token) fails: each token's frequency lies within 5 binomial standard deviations
// sqrt(p (1 - p) / n) of p (at least 5 counts' worth, for tokens that are all but impossible).
void expect_samples_follow_log_prob(SentenceModel& model, const Tokens& first,
                                    const Tokens& second) {
  const int draws = 4000;
  const auto a = draw_one_tokens(model, first, draws, 7);
  const auto b = draw_one_tokens(model, second, draws, 8);
  double total_a = 0, total_b = 0, largest_gap = 0, largest = 0;
  for (size_t token = 0; token < 14; ++token) {
    total_a += a.probability[token];
    total_b += b.probability[token];
    largest_gap = std::max(largest_gap, std::abs(a.probability[token] - b.probability[token]));
    largest = std::max({largest, a.probability[token], b.probability[token]});
  }
  EXPECT_NEAR(total_a, 1.0, 1e-6);
  EXPECT_NEAR(total_b, 1.0, 1e-6);
  // The test's power: far from uniform (1/14 each), and far apart between the contexts.
  ASSERT_GT(largest, 0.3);
  ASSERT_LT(largest, 0.9);  // nor so peaked that always drawing the likeliest token passes
  ASSERT_GT(largest_gap, 0.2);
  for (const auto* found : {&a, &b})
    for (size_t token = 0; token < 14; ++token) {
      const double p = found->probability[token];
      const double sd = std::sqrt(std::max(p * (1 - p), 1.0 / draws) / draws);
      EXPECT_NEAR(found->count[token] / double(draws), p, 5 * sd)
          << "token " << token << (found == &a ? " after the first context" : " after the second");
    }
}

TEST_F(SentenceModelTest, SamplingFollowsTheModelsProbabilities) {
  const auto sharp = write_word_gpt2(dir_.path(), "sharp", 4, false, 5);
  Gpt2SentenceModel model(sharp, 1);
  expect_samples_follow_log_prob(model, {3, 7, 8}, {3, 12, 13, 11, 6});
}

TEST_F(SentenceModelTest, MixtureWeighsComponentsByTheirPosterior) {
  auto negative = std::make_shared<Gpt2SentenceModel>(a_, 4);
  auto positive = std::make_shared<Gpt2SentenceModel>(b_, 4);
  const double alpha = 0.2;
  MixtureSentenceModel mixture(alpha, negative, positive);
  const Tokens context{3, 7, 8, 9, 11, 5};
  const Tokens sentence{7, 12, 13, 10};
  const auto [n_context, n_sentence] = negative->log_probs(context, sentence);
  const auto [p_context, p_sentence] = positive->log_probs(context, sentence);
  const double w = alpha * std::exp(n_context) /
                   (alpha * std::exp(n_context) + (1 - alpha) * std::exp(p_context));
  // Each component's forward pass is float: runs agree to float precision.
  EXPECT_NEAR(mixture.negative_weight(context), w, 1e-6);
  EXPECT_NEAR(mixture.log_prob(context, sentence),
              std::log(w * std::exp(n_sentence) + (1 - w) * std::exp(p_sentence)), 1e-6);
  // After end-of-text alone the weight is the prior.
  EXPECT_NEAR(mixture.negative_weight({3}), alpha, 1e-12);
}

TEST_F(SentenceModelTest, MixtureSamplesFollowItsPosteriorPredictive) {
  const auto sharp_a = write_word_gpt2(dir_.path(), "sharp-a", 5, false, 5);
  const auto sharp_b = write_word_gpt2(dir_.path(), "sharp-b", 6, false, 5);
  MixtureSentenceModel mixture(0.4, std::make_shared<Gpt2SentenceModel>(sharp_a, 1),
                               std::make_shared<Gpt2SentenceModel>(sharp_b, 1));
  expect_samples_follow_log_prob(mixture, {3, 10, 5, 11}, {3, 7, 12, 9, 6});
}

TEST_F(SentenceModelTest, MixtureOfAModelWithItselfIsTheModel) {
  auto model = std::make_shared<Gpt2SentenceModel>(a_, 4);
  MixtureSentenceModel mixture(0.3, model, model);
  const Tokens context{3, 8, 9};
  EXPECT_NEAR(mixture.log_prob(context, {10, 5}), model->log_prob(context, {10, 5}), 1e-9);
}

TEST_F(SentenceModelTest, DifferentVocabulariesAreAnErrorNamingBoth) {
  const auto other = write_word_gpt2(dir_.path(), "other", 3, /*extra_word=*/true);
  auto a = std::make_shared<Gpt2SentenceModel>(a_, 4);
  auto c = std::make_shared<Gpt2SentenceModel>(other, 4);
  const auto error = error_of([&] { MixtureSentenceModel(0.5, a, c); });
  EXPECT_NE(error.find("different vocabularies: 14 and 15 tokens"), std::string::npos) << error;
  EXPECT_NE(error.find(other.string()), std::string::npos) << error;
  EXPECT_NE(error_of([&] { MixtureSentenceModel(1.0, a, a); }).find("(0, 1)"), std::string::npos);
}

TEST_F(SentenceModelTest, AModelIsIndistinguishableFromItself) {
  Gpt2SentenceModel a(a_, 4), b(b_, 4);
  DistinguishabilityOptions options;
  options.samples = 16;
  const auto same = estimate_distinguishability(a, a, options);
  EXPECT_EQ(same.beta.value, 0.0);
  EXPECT_EQ(same.beta_prime.value, 0.0);
  EXPECT_EQ(same.sigma.value, 0.0);
  EXPECT_EQ(same.beta.samples, 16);
  // KL divergences are positive: so are their Monte Carlo means between different models.
  options.samples = 64;
  const auto different = estimate_distinguishability(a, b, options);
  EXPECT_GT(different.beta.value, 0.0);
  EXPECT_GT(different.beta_prime.value, 0.0);
  EXPECT_GT(different.sigma.value, 0.0);
  options.prefixes = {{3, 7, 8}};
  options.samples = 4;
  EXPECT_EQ(estimate_distinguishability(a, b, options).beta.samples, 4);
  options.samples = 1;
  EXPECT_NE(error_of([&] { estimate_distinguishability(a, b, options); }).find("at least 2"),
            std::string::npos);
}

TEST(ParseMixture, ReadsAlphaAndBothDirectories) {
  const auto spec = parse_mixture("0.01:neg/model,pos/model");
  EXPECT_DOUBLE_EQ(spec.alpha, 0.01);
  EXPECT_EQ(spec.negative, "neg/model");
  EXPECT_EQ(spec.positive, "pos/model");
  EXPECT_NE(error_of([] { parse_mixture("0.5:neg"); }).find("expected ALPHA:NEG_DIR,POS_DIR"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mixture("half:a,b"); }).find("'half' is not a number"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mixture("0:a,b"); }).find("alpha must lie in (0, 1)"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mixture("1.5:a,b"); }).find("alpha must lie in (0, 1)"),
            std::string::npos);
}

TEST(LogAddExp, IsExactAtInfinityAndStableForLargeValues) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_DOUBLE_EQ(log_add_exp(-inf, -3.0), -3.0);
  EXPECT_NEAR(log_add_exp(std::log(0.25), std::log(0.5)), std::log(0.75), 1e-15);
  EXPECT_NEAR(log_add_exp(-1000, -1000), -1000 + std::log(2.0), 1e-12);
}

}  // namespace
}  // namespace mnemo::beb
