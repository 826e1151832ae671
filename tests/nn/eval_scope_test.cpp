#include "mnemo/nn/eval_scope.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mnemo::nn {
namespace {

TEST(EvalScope, EvaluatesWithoutGradientsAndPutsTrainingBack) {
  torch::nn::Linear layer(2, 2);
  layer->train();
  {
    const EvalScope evaluating(*layer);
    EXPECT_FALSE(layer->is_training());
    EXPECT_FALSE(torch::GradMode::is_enabled());
    EXPECT_FALSE(layer->forward(torch::ones({1, 2})).requires_grad());
  }
  EXPECT_TRUE(layer->is_training());
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(EvalScope, LeavesAModuleInEvalModeAsItWas) {
  torch::nn::Linear layer(2, 2);
  layer->eval();
  { const EvalScope evaluating(*layer); }
  EXPECT_FALSE(layer->is_training());
}

TEST(EvalScope, RestoresTheModeWhenEvaluationThrows) {
  torch::nn::Linear layer(2, 2);
  layer->train();
  EXPECT_THROW(
      {
        const EvalScope evaluating(*layer);
        throw std::runtime_error("validation failed");
      },
      std::runtime_error);
  EXPECT_TRUE(layer->is_training());
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

}  // namespace
}  // namespace mnemo::nn
