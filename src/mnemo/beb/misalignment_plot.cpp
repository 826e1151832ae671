#include "mnemo/beb/misalignment_plot.h"

#include <algorithm>
#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/eval/gnuplot.h"

namespace mnemo::beb {

void plot_misalignment(const std::vector<BehaviorPoint>& curve,
                       const std::vector<std::pair<std::string, double>>& marks,
                       const std::filesystem::path& png, const std::string& title) {
  if (curve.empty()) throw Error("plot: no behavior to draw");
  eval::GnuplotJob job(png);
  const auto data = job.data_file("curve.dat");
  std::ofstream out(data);
  for (const auto& point : curve)
    out << point.sentences << " " << point.behavior.value << " " << point.behavior.low << " "
        << point.behavior.high << "\n";
  out.close();
  const double farthest = double(curve.back().sentences) * 2 + 1;
  double right = double(curve.back().sentences);
  std::string script = job.preamble(900, 560) + "set title " + eval::gnuplot_quoted(title) +
                       " noenhanced" +
                       "\nset xlabel 'misaligning prompt (sentences from P-)'\n"
                       "set ylabel 'behavior expectation B_P(s) of the next sentence'\n"
                       "set grid\nset key bottom left\n";
  int shown = 0;
  for (const auto& [label, sentences] : marks) {
    if (!(sentences <= farthest)) continue;
    right = std::max(right, sentences);
    const auto x = std::to_string(sentences);
    ++shown;
    script += "set arrow from " + x + ", graph 0 to " + x + ", graph 1 nohead dt 2 lw 2 lc " +
              std::to_string(shown + 1) + "\nset label " + eval::gnuplot_quoted(label) + " at " +
              x + ", graph " + std::to_string(0.97 - 0.06 * shown) + " right offset -0.5,0\n";
  }
  script += "set xrange [-0.5:" + std::to_string(right + 0.5) + "]\n";
  job.run(script + "plot " + eval::gnuplot_quoted(data.string()) +
          " using 1:2:3:4 with yerrorlines lw 2 pt 7 title 'measured (95% interval)'\n");
}

}  // namespace mnemo::beb
