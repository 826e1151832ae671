#include "mnemo/eval/report.h"

#include <cmath>
#include <cstdio>

#include "mnemo/io/json_file.h"

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

std::vector<AccuracyRow> rows_from_json(const nlohmann::json& json, const std::string& source) {
  if (!json.contains("results") || !json["results"].is_array())
    throw file_error(source, "expected {\"results\": [...]} as `mnemo rmt eval --json` writes");
  std::vector<AccuracyRow> rows;
  for (const auto& item : json["results"]) {
    AccuracyRow row;
    row.model = io::json_field<std::string>(item, "model", "", source);
    row.segments = io::json_field<int64_t>(item, "segments", 0, source);
    row.tokens = io::json_field<int64_t>(item, "tokens", 0, source);
    row.correct = io::json_field<int64_t>(item, "correct", 0, source);
    row.n = io::json_field<int64_t>(item, "n", 0, source);
    row.seconds = io::json_field<double>(item, "seconds", 0.0, source);
    if (row.n <= 0 || row.correct < 0 || row.correct > row.n || row.tokens <= 0)
      throw file_error(source, "a result needs tokens > 0 and 0 <= correct <= n: " + item.dump());
    rows.push_back(row);
  }
  return rows;
}

}  // namespace mnemo::eval
