// Attention weights as heat maps, one panel per segment side by side, like Figure 7 of the
// RMT paper: rows are the attending positions, columns the attended ones.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mnemo::eval {

struct AttentionPanel {
  torch::Tensor weights;                                // (T, T), rows sum to 1
  std::vector<std::pair<int64_t, std::string>> labels;  // positions worth naming on the axes
  std::string title;
};

// Colour is the square root of the weight, so that weak but real reads stay visible.
// Written atomically.
void plot_attention(const std::vector<AttentionPanel>& panels, const std::filesystem::path& png,
                    const std::string& title);

}  // namespace mnemo::eval
