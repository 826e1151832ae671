#include "tensor_support.h"

#include <functional>

namespace mnemo::testing {

torch::Tensor to_tensor(const nlohmann::json& nested) {
  std::vector<float> values;
  std::vector<int64_t> shape;
  std::function<void(const nlohmann::json&, size_t)> walk = [&](const nlohmann::json& node,
                                                                size_t depth) {
    if (!node.is_array()) {
      values.push_back(node.get<float>());
      return;
    }
    if (shape.size() <= depth) shape.push_back(static_cast<int64_t>(node.size()));
    for (const auto& child : node) walk(child, depth + 1);
  };
  walk(nested, 0);
  return torch::tensor(values).view(shape);
}

torch::Tensor long_tensor(const nlohmann::json& nested) {
  return to_tensor(nested).to(torch::kLong);
}

}  // namespace mnemo::testing
