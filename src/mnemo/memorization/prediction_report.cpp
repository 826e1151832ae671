#include "mnemo/memorization/prediction_report.h"

#include <filesystem>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/memorization/score_file.h"

namespace mnemo::memorization {

std::optional<double> training_compute(const std::string& scores) {
  const std::filesystem::path settings_path = scores + ".json";
  if (!std::filesystem::exists(settings_path)) return std::nullopt;
  const auto settings = io::read_json_file(settings_path);
  if (!settings.contains("parameters") || !settings.contains("training_tokens"))
    return std::nullopt;
  return 6.0 * settings.at("parameters").get<double>() *
         settings.at("training_tokens").get<double>();
}

PredictionReport predict_memorized(const std::string& target,
                                   const std::vector<std::string>& predictors, double threshold) {
  if (!(threshold > 0 && threshold <= 1)) throw Error("--threshold must be in (0, 1]");
  PredictionReport report{target, threshold, {}};
  const auto target_scores = read_scores(target);
  const auto target_compute = training_compute(target);
  for (const auto& name : predictors) {
    PredictorRow row{name, compare_memorized(target_scores, read_scores(name), threshold), {}};
    const auto compute = training_compute(name);
    if (compute && target_compute) row.compute_fraction = *compute / *target_compute;
    report.rows.push_back(row);
  }
  return report;
}

nlohmann::json PredictionReport::to_json() const {
  nlohmann::json predictors = nlohmann::json::array();
  for (const auto& row : rows) {
    const auto& c = row.confusion;
    nlohmann::json json = {{"predictor", row.predictor},
                           {"sequences", c.sequences()},
                           {"memorized_by_predictor", c.true_positives + c.false_positives},
                           {"memorized_by_target", c.true_positives + c.false_negatives},
                           {"true_positives", c.true_positives},
                           {"false_positives", c.false_positives},
                           {"false_negatives", c.false_negatives},
                           {"true_negatives", c.true_negatives},
                           {"precision", c.precision()},
                           {"recall", c.recall()},
                           {"f1", c.f1()}};
    if (row.compute_fraction) json["compute_fraction"] = *row.compute_fraction;
    predictors.push_back(json);
  }
  return {{"target", target}, {"threshold", threshold}, {"predictors", predictors}};
}

}  // namespace mnemo::memorization
