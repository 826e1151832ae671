#include "mnemo/eval/flops_comparison.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/eval/gnuplot.h"

namespace mnemo::eval {
namespace {

namespace fs = std::filesystem;

std::vector<double> parse_flops_lengths(const std::string& text) {
  std::vector<double> lengths;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const double value = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || value < 1)
      throw Error("--lengths: '" + item + "' is not a positive token count");
    lengths.push_back(value);
  }
  if (lengths.empty()) throw Error("--lengths: no token counts");
  return lengths;
}

}  // namespace

FlopsComparison compare_flops(const FlopsSettings& settings) {
  if (settings.segment < 1) throw Error("--segment must be >= 1");
  FlopsComparison comparison;
  comparison.lengths = parse_flops_lengths(settings.lengths);
  comparison.segment = settings.segment;
  for (const auto& name : settings.models.empty() ? nn::opt_names() : settings.models)
    comparison.shapes.push_back(fs::is_directory(name) ? nn::shape_from_config(name)
                                                       : nn::opt_shape(name));
  for (const auto& shape : comparison.shapes)
    for (const double n : comparison.lengths)
      comparison.rows.push_back({shape.name, n, nn::full_attention_flops(shape, n),
                                 nn::rmt_flops(shape, n, settings.segment)});
  return comparison;
}

void plot_flops(const FlopsComparison& comparison, const fs::path& png) {
  GnuplotJob job(png);
  std::string full_lines, ratio_lines;
  const size_t lengths = comparison.lengths.size();
  for (size_t i = 0; i < comparison.shapes.size(); ++i) {
    const auto data = job.data_file("model" + std::to_string(i) + ".dat");
    std::ofstream out(data);
    for (size_t k = i * lengths; k < (i + 1) * lengths; ++k) {
      const auto& row = comparison.rows[k];
      out << row.tokens << " " << row.full << " " << row.rmt << " " << row.ratio() << "\n";
    }
    const auto& name = comparison.shapes[i].name;
    const auto file = gnuplot_quoted(data.string());
    const auto color = " lc " + std::to_string(i + 1);
    full_lines += (i ? ", " : "") + file + " using 1:2 with lines lw 2 dt 1" + color + " title " +
                  gnuplot_quoted(name) + ", " + file + " using 1:3 with lines lw 2 dt 2" + color +
                  " notitle";
    ratio_lines += (i ? ", " : "") + file + " using 1:4 with linespoints lw 2" + color + " title " +
                   gnuplot_quoted(name);
  }
  job.run(job.preamble(1300, 560) + "set multiplot layout 1,2\nset logscale xy\nset grid\n" +
          "set xlabel 'input tokens'\nset key top left\n" +
          "set title 'forward FLOPs: full attention (solid) vs RMT, segment " +
          std::to_string(comparison.segment) + " (dashed)'\nplot " + full_lines + "\n" +
          "set title 'full attention FLOPs / RMT FLOPs'\nplot " + ratio_lines +
          "\nunset multiplot\n");
}

}  // namespace mnemo::eval
