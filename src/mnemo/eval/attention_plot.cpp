#include "mnemo/eval/attention_plot.h"

#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/eval/gnuplot.h"

namespace mnemo::eval {
namespace {

std::string tics(const std::vector<std::pair<int64_t, std::string>>& labels) {
  std::string text = "(";
  for (size_t i = 0; i < labels.size(); ++i)
    text +=
        (i ? ", " : "") + gnuplot_quoted(labels[i].second) + " " + std::to_string(labels[i].first);
  return text + ")";
}

}  // namespace

void plot_attention(const std::vector<AttentionPanel>& panels, const std::filesystem::path& png,
                    const std::string& title) {
  if (panels.empty()) throw Error("attention plot: no segments to draw");
  GnuplotJob job(png);
  const int side = 620;
  std::string script =
      job.preamble(side * static_cast<int>(panels.size()), side + 60) + "set multiplot layout 1," +
      std::to_string(panels.size()) + " title " + gnuplot_quoted(title) + "\n" +
      "set palette defined (0 'white', 0.3 '#6baed6', 1 '#08306b')\n"
      "set cblabel 'sqrt(attention)'\nset tics font ',7'\n"
      "set xtics rotate by 90 right nomirror\nset ytics nomirror\n"
      "set size ratio 1\nset lmargin 14\nset bmargin 10\nset termoption noenhanced\n";
  for (size_t i = 0; i < panels.size(); ++i) {
    const auto weights = panels[i].weights.to(torch::kFloat).contiguous();
    if (weights.dim() != 2 || weights.size(0) != weights.size(1))
      throw Error("attention plot: panel " + std::to_string(i) + " is not a square matrix");
    const int64_t size = weights.size(0);
    const auto data = job.data_file("panel" + std::to_string(i) + ".dat");
    std::ofstream out(data);
    const auto view = weights.accessor<float, 2>();
    for (int64_t row = 0; row < size; ++row) {
      for (int64_t column = 0; column < size; ++column)
        out << (column ? " " : "") << std::sqrt(std::max(0.0f, view[row][column]));
      out << "\n";
    }
    const std::string range = "[-0.5:" + std::to_string(size) + "-0.5]";
    script += "set title " + gnuplot_quoted(panels[i].title) + "\nset xrange " + range +
              "\nset yrange [" + std::to_string(size) + "-0.5:-0.5]\nset xtics " +
              tics(panels[i].labels) + "\nset ytics " + tics(panels[i].labels) + "\nplot " +
              gnuplot_quoted(data.string()) + " matrix with image notitle\n";
  }
  job.run(script + "unset multiplot\n");
}

}  // namespace mnemo::eval
