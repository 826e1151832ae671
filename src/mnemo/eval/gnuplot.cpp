#include "mnemo/eval/gnuplot.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::eval {

namespace fs = std::filesystem;

std::string gnuplot_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

GnuplotJob::GnuplotJob(fs::path png)
    : png_(std::move(png)),
      work_(fs::temp_directory_path() / ("mnemo-plot-" + std::to_string(getpid()))),
      staged_(png_.string() + ".tmp-" + std::to_string(getpid()) + ".png") {
  fs::create_directories(work_);
}

GnuplotJob::~GnuplotJob() {
  std::error_code ignored;
  fs::remove_all(work_, ignored);
  fs::remove(staged_, ignored);
}

fs::path GnuplotJob::data_file(const std::string& name) const { return work_ / name; }

std::string GnuplotJob::preamble(int width, int height) const {
  return "set terminal pngcairo size " + std::to_string(width) + "," + std::to_string(height) +
         " font 'sans,11'\nset output " + gnuplot_quoted(staged_.string()) + "\n";
}

void GnuplotJob::run(const std::string& script) {
  {
    std::ofstream out(work_ / "plot.gp");
    out << script;
  }
  const auto errors_file = work_ / "gnuplot.err";
  const int status = std::system(
      ("gnuplot " + (work_ / "plot.gp").string() + " 2>" + errors_file.string()).c_str());
  if (status != 0 || !fs::exists(staged_))
    throw file_error(png_.string(),
                     "gnuplot failed (is gnuplot-nox installed? scripts/install-deps.sh "
                     "installs it): " +
                         (fs::exists(errors_file) ? io::read_file(errors_file) : std::string()));
  fs::rename(staged_, png_);
}

}  // namespace mnemo::eval
