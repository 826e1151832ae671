// The learning-rate schedule of the reference scripts: linear warmup, then linear decay to 0.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace mnemo::train {

// Learning rate at `step` (1-based) of `total` steps peaking at `peak` after
// ceil(warmup_fraction * total) warmup steps.
inline double warmup_linear_decay(int64_t step, int64_t total, double warmup_fraction,
                                  double peak) {
  const auto warmup = static_cast<int64_t>(std::ceil(warmup_fraction * static_cast<double>(total)));
  if (step <= warmup) return peak * static_cast<double>(step) / std::max<int64_t>(1, warmup);
  const double remaining =
      static_cast<double>(total - step) / static_cast<double>(std::max<int64_t>(1, total - warmup));
  return peak * std::max(0.0, remaining);
}

}  // namespace mnemo::train
