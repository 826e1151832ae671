// Intervals, the maximum-likelihood mixture weight, and beta/sigma on hand-made cases.
#include "mnemo/beb/estimation.h"

#include <cmath>
#include <random>

#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;

TEST(Estimates, MeanAndSpreadWithTheirIntervals) {
  const auto mean = mean_estimate({1, 2, 3, 4});
  const double sd = std::sqrt(5.0 / 3.0);
  EXPECT_DOUBLE_EQ(mean.value, 2.5);
  EXPECT_NEAR(mean.high - mean.value, 1.959964 * sd / 2, 1e-6);
  EXPECT_NEAR(mean.value - mean.low, 1.959964 * sd / 2, 1e-6);
  EXPECT_EQ(mean.samples, 4);

  std::vector<double> values;
  for (int i = 0; i < 200; ++i) values.push_back(i % 2 ? 3.0 : -3.0);
  const auto spread = sd_estimate(values);
  EXPECT_NEAR(spread.value, 3.0 * std::sqrt(200.0 / 199.0), 1e-12);
  const double relative = 1.959964 / std::sqrt(2.0 * 199);
  EXPECT_NEAR(spread.low, spread.value / (1 + relative), 1e-6);
  EXPECT_NEAR(spread.high, spread.value / (1 - relative), 1e-6);
  EXPECT_NE(error_of([] { sd_estimate({1}); }).find("two samples"), std::string::npos);
  EXPECT_NE(error_of([] { mean_estimate({}); }).find("no samples"), std::string::npos);

  const Estimate estimate{0.123456, 0.1, 0.15, 40};
  EXPECT_EQ(estimate.text(), "0.1235 [0.1, 0.15]");
  EXPECT_EQ(estimate.to_json(),
            (nlohmann::json{{"value", 0.123456}, {"low", 0.1}, {"high", 0.15}, {"samples", 40}}));
}

// Sentences are three outcomes; P- and P+ give them these probabilities.
constexpr double kNegative[] = {0.7, 0.2, 0.1};
constexpr double kPositive[] = {0.1, 0.2, 0.7};

MixtureWeight fit_sampled(double alpha, int draws, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> log_negative, log_positive;
  for (int i = 0; i < draws; ++i) {
    const double* p = uniform(random) < alpha ? kNegative : kPositive;
    const double u = uniform(random);
    const int outcome = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
    log_negative.push_back(std::log(kNegative[outcome]));
    log_positive.push_back(std::log(kPositive[outcome]));
  }
  return fit_mixture_weight(log_negative, log_positive);
}

TEST(MixtureWeight, RecoversTheAlphaThatGeneratedTheSentences) {
  for (const double alpha : {0.05, 0.3, 0.8}) {
    const auto fit = fit_sampled(alpha, 5000, 11);
    EXPECT_NEAR(fit.alpha.value, alpha, 0.04) << alpha;
    EXPECT_LT(fit.alpha.low, alpha);
    EXPECT_GT(fit.alpha.high, alpha);
    EXPECT_LT(fit.alpha.high - fit.alpha.low, 0.1);
    EXPECT_EQ(fit.alpha.samples, 5000);
  }
}

TEST(MixtureWeight, IntervalsNarrowWithMoreSentences) {
  const auto few = fit_sampled(0.3, 200, 5);
  const auto many = fit_sampled(0.3, 20000, 5);
  EXPECT_GT(few.alpha.high - few.alpha.low, 3 * (many.alpha.high - many.alpha.low));
}

TEST(MixtureWeight, SentencesOnlyOneComponentWritesPinAlphaToTheEdge) {
  // Every sentence is impossible under P+: alpha is 1, and the interval reaches it.
  const auto all_negative = fit_mixture_weight({-1, -2, -1}, {-800, -900, -750});
  EXPECT_DOUBLE_EQ(all_negative.alpha.value, 1.0);
  EXPECT_DOUBLE_EQ(all_negative.alpha.high, 1.0);
  const auto all_positive = fit_mixture_weight({-800, -900}, {-1, -2});
  EXPECT_DOUBLE_EQ(all_positive.alpha.value, 0.0);
  EXPECT_DOUBLE_EQ(all_positive.alpha.low, 0.0);
  EXPECT_GT(all_positive.alpha.high, 0.0);
  EXPECT_NE(error_of([] { fit_mixture_weight({-1}, {}); }).find("one P- and one P+"),
            std::string::npos);
}

TEST(MixtureWeight, LikelihoodIsHighestAtTheFittedAlpha) {
  std::vector<double> n, p;
  for (int copy = 0; copy < 40; ++copy) {
    n.insert(n.end(), {-1.0, -3.0, -2.0, -0.5, -4.0});
    p.insert(p.end(), {-2.0, -1.0, -2.5, -3.0, -1.5});
  }
  const auto fit = fit_mixture_weight(n, p);
  const auto log_likelihood = [&](double alpha) {
    double sum = 0;
    for (size_t i = 0; i < n.size(); ++i)
      sum += std::log(alpha * std::exp(n[i]) + (1 - alpha) * std::exp(p[i]));
    return sum;
  };
  EXPECT_NEAR(fit.log_likelihood, log_likelihood(fit.alpha.value), 1e-9);
  EXPECT_GT(fit.alpha.value, 0.01);
  EXPECT_LT(fit.alpha.value, 0.99);
  EXPECT_GE(fit.log_likelihood, log_likelihood(fit.alpha.value - 0.01));
  EXPECT_GE(fit.log_likelihood, log_likelihood(fit.alpha.value + 0.01));
  // The interval's ends are where the likelihood has fallen by 1.92.
  ASSERT_GT(fit.alpha.low, 0.0);
  ASSERT_LT(fit.alpha.high, 1.0);
  EXPECT_NEAR(log_likelihood(fit.alpha.low), fit.log_likelihood - 1.920729, 1e-6);
  EXPECT_NEAR(log_likelihood(fit.alpha.high), fit.log_likelihood - 1.920729, 1e-6);
}

TEST(MixtureWeightToLikelihoods, RecoversTheAlphaOfAnExactMixture) {
  std::mt19937_64 random(2);
  std::normal_distribution<double> log_prob(-20, 6);
  for (const double alpha : {0.3, 1e-6}) {
    std::vector<double> m, n, p;
    for (int i = 0; i < 50; ++i) {
      n.push_back(log_prob(random));
      p.push_back(log_prob(random));
      m.push_back(std::log(alpha * std::exp(n.back()) + (1 - alpha) * std::exp(p.back())));
    }
    const auto fit = fit_mixture_weight_to_likelihoods(m, n, p);
    EXPECT_NEAR(fit.alpha.value / alpha, 1.0, 1e-4) << alpha;
    EXPECT_LE(fit.alpha.low, fit.alpha.value);
    EXPECT_GE(fit.alpha.high, fit.alpha.value);
    EXPECT_LT(fit.alpha.high - fit.alpha.low, 1e-3 * alpha);
  }
}

TEST(MixtureWeightToLikelihoods, NoisyLikelihoodsGiveAnIntervalAroundAlpha) {
  std::mt19937_64 random(3);
  std::normal_distribution<double> log_prob(-20, 4), noise(0, 0.3);
  std::vector<double> m, n, p;
  for (int i = 0; i < 400; ++i) {
    n.push_back(log_prob(random));
    p.push_back(log_prob(random));
    m.push_back(std::log(0.2 * std::exp(n.back()) + 0.8 * std::exp(p.back())) + noise(random));
  }
  const auto fit = fit_mixture_weight_to_likelihoods(m, n, p);
  EXPECT_LT(fit.alpha.low, 0.2);
  EXPECT_GT(fit.alpha.high, 0.2);
  EXPECT_LT(fit.alpha.high - fit.alpha.low, 0.2);
  EXPECT_NE(
      error_of([&] { fit_mixture_weight_to_likelihoods({-1.0}, n, p); }).find("every sentence"),
      std::string::npos);
  EXPECT_NE(error_of([] {
              fit_mixture_weight_to_likelihoods({-1.0}, {NAN}, {-2.0});
            }).find("sentence 0 has no finite probability"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::beb
