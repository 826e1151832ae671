// Theorems 1-4 of Wolf et al. (2023) on hand-computed cases.
#include "mnemo/beb/bounds.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;

// alpha 0.01, beta 2, epsilon 0.1: Theorem 1 = (ln 100 + ln 10 + ln 4) / 2
// = (4.605170 + 2.302585 + 1.386294) / 2 = 4.147025.
BoundInputs example() {
  BoundInputs in;
  in.alpha = 0.01;
  in.beta = 2;
  in.epsilon = 0.1;
  in.beta_prime = 3;
  in.sigma = 7;
  in.aligning_prompt_length = 2;
  in.delta = 0.05;
  return in;
}

TEST(BebBounds, TheoremOneIsLogarithmicInOneOverAlpha) {
  auto in = example();
  EXPECT_NEAR(theorem1_length(in), 4.147025, 1e-6);
  in.alpha = 0.0001;  // 100 times rarer: ln 100 / beta = 2.302585 sentences more
  EXPECT_NEAR(theorem1_length(in), 4.147025 + 2.302585, 1e-6);
  EXPECT_NEAR(transition_length(example()), 2.302585, 1e-6);  // ln 100 / 2
}

TEST(BebBounds, TheoremsTwoToFourAddTheirTermsToTheoremOne) {
  auto in = example();
  // + (3/2) 2 + (7/2) sqrt(2 / 0.05) + 1 = 3 + 3.5 x 6.324555 + 1 = 26.135944
  EXPECT_NEAR(theorem2_length(in), 4.147025 + 26.135944, 1e-5);
  in.turns = 2;
  // + 2 [(3/2) 2 + (7/2) sqrt(2 x 2 / 0.05)] + 2 = 2 (3 + 3.5 x 8.944272) + 2 = 70.609903
  EXPECT_NEAR(theorem3_length(in), 4.147025 + 70.609903, 1e-5);
  in.best_of = 16;  // + ln 16 / 2 = 1.386294
  EXPECT_NEAR(theorem4_length(in), 4.147025 + 1.386294, 1e-6);
  const auto all = bounds(in);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].name, "Theorem 1");
  EXPECT_EQ(all[4].name, "transition");
}

TEST(BebBounds, OnlyTheBoundsTheInputsAllowAndImpossibleInputsAreClearErrors) {
  BoundInputs in;
  in.alpha = 0.5;
  in.beta = 1;
  in.epsilon = 0.5;
  EXPECT_EQ(bounds(in).size(), 2u);  // Theorem 1 and the transition
  EXPECT_NE(error_of([&] { theorem2_length(in); }).find("Theorem 2 needs --beta-prime"),
            std::string::npos);
  in.alpha = 1;
  EXPECT_NE(error_of([&] { bounds(in); }).find("--alpha must lie in (0, 1)"), std::string::npos);
  in.alpha = 0;
  EXPECT_NE(error_of([&] { bounds(in); }).find("--alpha must lie in (0, 1)"), std::string::npos);
  in.alpha = 0.5;
  in.beta = 0;
  EXPECT_NE(error_of([&] { bounds(in); }).find("--beta must be positive"), std::string::npos);
}

TEST(BebBounds, ReportJsonHasTheInputsAndEachBoundWithItsPromptLength) {
  auto in = example();
  in.best_of = 16;
  const auto json = report_bounds(in).to_json();
  EXPECT_EQ(json.at("alpha"), 0.01);
  EXPECT_EQ(json.at("beta"), 2.0);
  EXPECT_EQ(json.at("epsilon"), 0.1);
  const auto& rows = json.at("bounds");
  ASSERT_EQ(rows.size(), 4u);  // Theorems 1, 2 and 4, the transition
  EXPECT_EQ(rows[0].at("bound"), "Theorem 1");
  EXPECT_EQ(rows[0].at("formula"), "(1/beta)(log 1/alpha + log 1/eps + log 4)");
  EXPECT_NEAR(rows[0].at("sentences").get<double>(), 4.147025, 1e-6);
  EXPECT_EQ(rows[0].at("prompt_sentences"), 5.0);
  EXPECT_EQ(rows[3].at("bound"), "transition");
  EXPECT_EQ(rows[3].at("prompt_sentences"), std::ceil(std::log(100.0) / 2));
}

}  // namespace
}  // namespace mnemo::beb
