// Tensor helpers for tests that compare against reference outputs.
#pragma once
#include <torch/torch.h>

#include <nlohmann/json.hpp>

namespace mnemo::testing {

// Nested JSON arrays of numbers as a float tensor of their shape; long_tensor as int64.
torch::Tensor to_tensor(const nlohmann::json& nested);
torch::Tensor long_tensor(const nlohmann::json& nested);

}  // namespace mnemo::testing
