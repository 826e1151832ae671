// mnemo memorization predict: precision and recall of predictors' memorized sets.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "mnemo/memorization/prediction_report.h"

namespace mnemo::cli {
namespace memorization_predict {

void print_table(const memorization::PredictionReport& report) {
  std::cout << "target: " << report.target << " (memorized: score >= " << report.threshold
            << ")\n\n| predictor | sequences | memorized by predictor | memorized by target | "
               "precision | recall | F1 | compute / target's |\n"
               "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row : report.rows) {
    const auto& c = row.confusion;
    char numbers[128];
    std::snprintf(numbers, sizeof numbers, "%.3f | %.3f | %.3f | ", c.precision(), c.recall(),
                  c.f1());
    std::cout << "| " << row.predictor << " | " << c.sequences() << " | "
              << c.true_positives + c.false_positives << " | "
              << c.true_positives + c.false_negatives << " | " << numbers;
    if (row.compute_fraction) {
      std::snprintf(numbers, sizeof numbers, "%.3f", *row.compute_fraction);
      std::cout << numbers;
    } else {
      std::cout << "-";
    }
    std::cout << " |\n";
  }
}

}  // namespace memorization_predict

void add_memorization_predict(CLI::App& memorization, Action& action) {
  struct Options {
    std::string target;
    std::vector<std::string> predictors;
    double threshold = 1.0;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = memorization.add_subcommand(
      "predict", "precision and recall of predictors' memorized sets against a target's");
  command->add_option("--target", options->target, "scores of the target model")
      ->required()
      ->check(CLI::ExistingFile);
  command
      ->add_option("--predictor", options->predictors,
                   "scores of each predictor (model or checkpoint)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--threshold", options->threshold, "score counted as memorized")
      ->capture_default_str();
  flags::json(*command, options->json);
  on_chosen(*command, action, [options] {
    const auto report =
        memorization::predict_memorized(options->target, options->predictors, options->threshold);
    if (options->json)
      std::cout << report.to_json().dump(2) << "\n";
    else
      memorization_predict::print_table(report);
  });
}

}  // namespace mnemo::cli
