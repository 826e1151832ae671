#include "mnemo/eval/report.h"

#include <cmath>
#include <cstdio>

namespace mnemo::eval {
namespace {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

}  // namespace

Interval wilson_interval(int64_t correct, int64_t n, double z) {
  if (n <= 0) return {0.0, 1.0};
  const double trials = static_cast<double>(n);
  const double p = static_cast<double>(correct) / trials;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / trials;
  const double centre = (p + z2 / (2 * trials)) / denominator;
  const double half =
      z * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::string markdown_table(const std::vector<AccuracyRow>& rows) {
  std::string table =
      "| model | segments | tokens | accuracy | 95% interval | n | seconds |\n"
      "|---|---:|---:|---:|---|---:|---:|\n";
  for (const auto& row : rows) {
    const auto interval = row.interval();
    table += "| " + row.model + " | " + std::to_string(row.segments) + " | " +
             std::to_string(row.tokens) + " | " + format("%.1f%%", 100 * row.accuracy()) + " | " +
             format("%.1f", 100 * interval.low) + "-" + format("%.1f%%", 100 * interval.high) +
             " | " + std::to_string(row.n) + " | " + format("%.1f", row.seconds) + " |\n";
  }
  return table;
}

nlohmann::json results_json(const std::vector<AccuracyRow>& rows) {
  auto results = nlohmann::json::array();
  for (const auto& row : rows) {
    const auto interval = row.interval();
    results.push_back({{"model", row.model},
                       {"segments", row.segments},
                       {"tokens", row.tokens},
                       {"accuracy", row.accuracy()},
                       {"n", row.n},
                       {"correct", row.correct},
                       {"ci95", {interval.low, interval.high}},
                       {"seconds", row.seconds}});
  }
  return {{"results", results}};
}

}  // namespace mnemo::eval
