#include "mnemo/train/optimization.h"

#include <torch/serialize.h>

#include <cmath>

#include "mnemo/core/error.h"

namespace mnemo::train {

std::unique_ptr<torch::optim::AdamW> make_adamw(const std::vector<torch::Tensor>& parameters,
                                                double learning_rate, double weight_decay) {
  return std::make_unique<torch::optim::AdamW>(
      parameters, torch::optim::AdamWOptions(learning_rate).weight_decay(weight_decay));
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double learning_rate) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(learning_rate);
}

bool finite_step(double loss, const std::vector<torch::Tensor>& parameters) {
  if (!std::isfinite(loss)) return false;
  for (const auto& parameter : parameters)
    if (parameter.grad().defined() && !torch::isfinite(parameter.grad()).all().item<bool>())
      return false;
  return true;
}

void save_optimizer(const io::AtomicDirectory& dir, torch::optim::Optimizer& optimizer) {
  torch::save(optimizer, (dir.staging() / "optimizer.pt").string());
}

void load_optimizer(const std::filesystem::path& dir, torch::optim::Optimizer& optimizer) {
  const auto path = dir / "optimizer.pt";
  if (!std::filesystem::exists(path)) throw file_error(path.string(), "missing");
  try {
    torch::load(optimizer, path.string());
  } catch (const c10::Error& error) {
    throw file_error(path.string(),
                     "unreadable optimizer state: " + std::string(error.what_without_backtrace()));
  }
}

}  // namespace mnemo::train
