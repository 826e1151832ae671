// What every training loop here shares: AdamW, setting its learning rate, spotting a
// non-finite step, and keeping the optimizer state beside a checkpoint.
#pragma once
#include <torch/optim/adamw.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "mnemo/io/atomic_file.h"

namespace mnemo::train {

std::unique_ptr<torch::optim::AdamW> make_adamw(const std::vector<torch::Tensor>& parameters,
                                                double learning_rate, double weight_decay);

void set_learning_rate(torch::optim::Optimizer& optimizer, double learning_rate);

// False when the loss or any gradient holds NaN or infinity.
bool finite_step(double loss, const std::vector<torch::Tensor>& parameters);

// optimizer.pt in the directory being built / read back; errors name the file.
void save_optimizer(const io::AtomicDirectory& dir, torch::optim::Optimizer& optimizer);
void load_optimizer(const std::filesystem::path& dir, torch::optim::Optimizer& optimizer);

}  // namespace mnemo::train
