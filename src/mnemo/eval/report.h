// Accuracy against input length: rows with 95% Wilson intervals, as Markdown or JSON.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::eval {

struct Interval {
  double low = 0, high = 0;
};

// Wilson score interval for `correct` successes in `n` trials (z = 1.96 for 95%).
Interval wilson_interval(int64_t correct, int64_t n, double z = 1.96);

struct AccuracyRow {
  std::string model;
  int64_t segments = 0;
  int64_t tokens = 0;  // input tokens per sample
  int64_t correct = 0;
  int64_t n = 0;
  double seconds = 0;  // wall time of this row

  double accuracy() const { return n ? static_cast<double>(correct) / n : 0.0; }
  Interval interval() const { return wilson_interval(correct, n); }
};

std::string markdown_table(const std::vector<AccuracyRow>& rows);
// {"results": [{"model", "segments", "tokens", "accuracy", "n", "correct", "ci95": [lo, hi],
// "seconds"}]}
nlohmann::json results_json(const std::vector<AccuracyRow>& rows);
// The rows of such a JSON document; `source` names the file in errors.
std::vector<AccuracyRow> rows_from_json(const nlohmann::json& json, const std::string& source);

}  // namespace mnemo::eval
