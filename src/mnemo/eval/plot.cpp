#include "mnemo/eval/plot.h"

#include <fstream>
#include <map>

#include "mnemo/core/error.h"
#include "mnemo/eval/gnuplot.h"
#include "mnemo/io/json_file.h"

namespace mnemo::eval {

void plot_accuracy(const std::vector<AccuracyRow>& rows, const std::filesystem::path& png,
                   const std::string& title) {
  if (rows.empty()) throw Error("plot: no results to draw");
  std::map<std::string, std::vector<const AccuracyRow*>> lines;
  std::vector<std::string> order;
  for (const auto& row : rows) {
    if (!lines.count(row.model)) order.push_back(row.model);
    lines[row.model].push_back(&row);
  }
  GnuplotJob job(png);
  std::string script = job.preamble(900, 560) + "set title " + gnuplot_quoted(title) + "\n" +
                       "set logscale x 2\nset xlabel 'input tokens'\nset ylabel 'accuracy, %'\n"
                       "set yrange [0:105]\nset grid\nset key bottom left\nplot ";
  for (size_t i = 0; i < order.size(); ++i) {
    const auto data = job.data_file("line" + std::to_string(i) + ".dat");
    std::ofstream out(data);
    for (const auto* row : lines[order[i]]) {
      const auto interval = row->interval();
      out << row->tokens << " " << 100 * row->accuracy() << " " << 100 * interval.low << " "
          << 100 * interval.high << "\n";
    }
    script += (i ? ", " : "") + gnuplot_quoted(data.string()) +
              " using 1:2:3:4 with yerrorlines lw 2 title " + gnuplot_quoted(order[i]);
  }
  job.run(script + "\n");
}

void plot_accuracy_files(const std::vector<std::string>& results, const std::filesystem::path& png,
                         const std::string& title) {
  std::vector<AccuracyRow> rows;
  for (const auto& file : results) {
    const auto found = rows_from_json(io::read_json_file(file), file);
    rows.insert(rows.end(), found.begin(), found.end());
  }
  plot_accuracy(rows, png, title);
}

}  // namespace mnemo::eval
