#include "mnemo/eval/plot.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::eval {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void plot_accuracy(const std::vector<AccuracyRow>& rows, const std::filesystem::path& png,
                   const std::string& title) {
  if (rows.empty()) throw Error("plot: no results to draw");
  namespace fs = std::filesystem;
  const fs::path work = fs::temp_directory_path() / ("mnemo-plot-" + std::to_string(getpid()));
  fs::create_directories(work);
  std::map<std::string, std::vector<const AccuracyRow*>> lines;
  std::vector<std::string> order;
  for (const auto& row : rows) {
    if (!lines.count(row.model)) order.push_back(row.model);
    lines[row.model].push_back(&row);
  }
  std::ofstream script(work / "plot.gp");
  const fs::path staged = png.string() + ".tmp-" + std::to_string(getpid()) + ".png";
  script << "set terminal pngcairo size 900,560 font 'sans,11'\n"
         << "set output " << quoted(staged.string()) << "\n"
         << "set title " << quoted(title) << "\n"
         << "set logscale x 2\nset xlabel 'input tokens'\nset ylabel 'accuracy, %'\n"
         << "set yrange [0:105]\nset grid\nset key bottom left\n";
  script << "plot ";
  for (size_t i = 0; i < order.size(); ++i) {
    const auto data = work / ("line" + std::to_string(i) + ".dat");
    std::ofstream out(data);
    for (const auto* row : lines[order[i]]) {
      const auto interval = row->interval();
      out << row->tokens << " " << 100 * row->accuracy() << " " << 100 * interval.low << " "
          << 100 * interval.high << "\n";
    }
    script << (i ? ", " : "") << quoted(data.string())
           << " using 1:2:3:4 with yerrorlines lw 2 title " << quoted(order[i]);
  }
  script << "\n";
  script.close();
  const int status = std::system(
      ("gnuplot " + (work / "plot.gp").string() + " 2>" + (work / "gnuplot.err").string()).c_str());
  std::string errors;
  if (fs::exists(work / "gnuplot.err")) errors = io::read_file(work / "gnuplot.err");
  fs::remove_all(work);
  if (status != 0 || !fs::exists(staged)) {
    fs::remove(staged);
    throw file_error(png.string(),
                     "gnuplot failed (is gnuplot-nox installed? scripts/install-deps.sh "
                     "installs it): " +
                         errors);
  }
  fs::rename(staged, png);
}

}  // namespace mnemo::eval
