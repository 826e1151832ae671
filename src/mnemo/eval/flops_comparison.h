// `rmt flops`: forward FLOPs of full attention against an RMT reading the same input in
// segments, as Figure 3 of the RMT paper, for OPT geometries or any model directory
// (the formula is nn/transformer_flops.h's).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/nn/transformer_flops.h"

namespace mnemo::eval {

struct FlopsSettings {
  std::vector<std::string> models;  // OPT names or model directories; empty: the OPT family
  std::string lengths =             // input tokens, comma-separated
      "512,1024,2048,4096,8192,16384,32768,65536,131072,262144,524288,1048576,2048000";
  int64_t segment = 512;  // RMT segment size (positions)
};

struct FlopsRow {
  std::string model;
  double tokens = 0;
  double full = 0;  // full attention over all tokens
  double rmt = 0;   // the RMT's segments

  double ratio() const { return full / rmt; }
};

struct FlopsComparison {
  std::vector<nn::TransformerShape> shapes;
  std::vector<double> lengths;
  int64_t segment = 0;
  std::vector<FlopsRow> rows;  // shape after shape, each over every length
};

// Errors name --lengths or --segment, or the unknown model.
FlopsComparison compare_flops(const FlopsSettings& settings);

// Left panel: FLOPs of both against input length; right panel: their ratio. Written
// atomically.
void plot_flops(const FlopsComparison& comparison, const std::filesystem::path& png);

}  // namespace mnemo::eval
