// `memorization predict`: how well each predictor's memorized set (a smaller model's, an
// earlier checkpoint's) predicts a target model's, from their score files, with the share of
// the target's training compute each predictor cost where the score files record it.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mnemo/memorization/prediction.h"

namespace mnemo::memorization {

struct PredictorRow {
  std::string predictor;  // its score file
  Confusion confusion;
  std::optional<double> compute_fraction;  // its training compute / the target's
};

struct PredictionReport {
  std::string target;
  double threshold = 1.0;
  std::vector<PredictorRow> rows;

  nlohmann::json to_json() const;
};

// `threshold` in (0, 1]: the score counted as memorized.
PredictionReport predict_memorized(const std::string& target,
                                   const std::vector<std::string>& predictors, double threshold);

// 6 x parameters x training tokens from a score file's settings (<scores>.json), when both
// are recorded.
std::optional<double> training_compute(const std::string& scores);

}  // namespace mnemo::memorization
