// Evaluation in the middle of training: the module in eval mode (no dropout) and no autograd
// graph for as long as the scope lasts; its former mode comes back when the scope ends, an
// exception included.
#pragma once
#include <torch/nn/module.h>
#include <torch/types.h>

namespace mnemo::nn {

class EvalScope {
 public:
  explicit EvalScope(torch::nn::Module& module)
      : module_(module), was_training_(module.is_training()) {
    module_.eval();
  }
  ~EvalScope() { module_.train(was_training_); }
  EvalScope(const EvalScope&) = delete;
  EvalScope& operator=(const EvalScope&) = delete;

 private:
  torch::nn::Module& module_;
  const bool was_training_;
  torch::NoGradGuard no_grad_;
};

}  // namespace mnemo::nn
