// mnemo rmt flops: forward FLOPs of full attention against an RMT reading the same input in
// segments, as Figure 3 of the RMT paper, for OPT geometries or any model directory.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/gnuplot.h"
#include "mnemo/nn/transformer_flops.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct FlopsOptions {
  std::vector<std::string> models;  // empty: the whole OPT family
  std::string lengths =
      "512,1024,2048,4096,8192,16384,32768,65536,131072,262144,524288,1048576,2048000";
  int64_t segment = 512;
  std::string plot;
};

std::vector<double> parse_lengths(const std::string& text) {
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

nn::TransformerShape resolve_model(const std::string& name) {
  return fs::is_directory(name) ? nn::shape_from_config(name) : nn::opt_shape(name);
}

// Left panel: FLOPs of both against input length; right panel: their ratio.
void plot_flops(const std::vector<nn::TransformerShape>& shapes, const std::vector<double>& lengths,
                int64_t segment, const fs::path& png) {
  eval::GnuplotJob job(png);
  std::string full_lines, ratio_lines;
  for (size_t i = 0; i < shapes.size(); ++i) {
    const auto data = job.data_file("model" + std::to_string(i) + ".dat");
    std::ofstream out(data);
    for (const double n : lengths) {
      const double full = nn::full_attention_flops(shapes[i], n),
                   rmt = nn::rmt_flops(shapes[i], n, segment);
      out << n << " " << full << " " << rmt << " " << full / rmt << "\n";
    }
    const auto file = eval::gnuplot_quoted(data.string());
    const auto color = " lc " + std::to_string(i + 1);
    full_lines += (i ? ", " : "") + file + " using 1:2 with lines lw 2 dt 1" + color + " title " +
                  eval::gnuplot_quoted(shapes[i].name) + ", " + file +
                  " using 1:3 with lines lw 2 dt 2" + color + " notitle";
    ratio_lines += (i ? ", " : "") + file + " using 1:4 with linespoints lw 2" + color + " title " +
                   eval::gnuplot_quoted(shapes[i].name);
  }
  job.run(job.preamble(1300, 560) + "set multiplot layout 1,2\nset logscale xy\nset grid\n" +
          "set xlabel 'input tokens'\nset key top left\n" +
          "set title 'forward FLOPs: full attention (solid) vs RMT, segment " +
          std::to_string(segment) + " (dashed)'\nplot " + full_lines + "\n" +
          "set title 'full attention FLOPs / RMT FLOPs'\nplot " + ratio_lines +
          "\nunset multiplot\n");
}

void run_flops(const FlopsOptions& options) {
  if (options.segment < 1) throw Error("--segment must be >= 1");
  const auto lengths = parse_lengths(options.lengths);
  std::vector<nn::TransformerShape> shapes;
  for (const auto& name : options.models.empty() ? nn::opt_names() : options.models)
    shapes.push_back(resolve_model(name));
  std::cout << "| model | tokens | full attention FLOPs | RMT FLOPs | ratio |\n"
               "|---|---:|---:|---:|---:|\n";
  for (const auto& shape : shapes)
    for (const double n : lengths) {
      const double full = nn::full_attention_flops(shape, n),
                   rmt = nn::rmt_flops(shape, n, options.segment);
      char row[160];
      std::snprintf(row, sizeof row, "| %s | %.0f | %.3e | %.3e | x%.1f |\n", shape.name.c_str(), n,
                    full, rmt, full / rmt);
      std::cout << row;
    }
  if (!options.plot.empty()) {
    plot_flops(shapes, lengths, options.segment, options.plot);
    std::cerr << "plot: " << options.plot << "\n";
  }
}

}  // namespace

void add_rmt_flops_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<FlopsOptions>();
  auto* flops = rmt.add_subcommand(
      "flops", "forward FLOPs of full attention against RMT segments (paper Figure 3)");
  flops->add_option("--model", options->models,
                    "opt-125m, opt-350m, opt-1.3b, opt-6.7b, opt-13b, opt-30b, opt-175b or a "
                    "model directory with config.json; repeatable (default: all OPT models)");
  flops->add_option("--lengths", options->lengths, "input lengths in tokens, comma-separated")
      ->capture_default_str();
  flops->add_option("--segment", options->segment, "RMT segment size (positions)")
      ->capture_default_str();
  flops->add_option("--plot", options->plot, "draw both panels to this PNG");
  flops->callback([&action, options] { action = [options] { run_flops(*options); }; });
}

}  // namespace mnemo::cli
