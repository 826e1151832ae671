// Drawing PNGs with gnuplot (Debian's gnuplot-nox, installed by the setup script): a scratch
// directory for data files, and a script run that writes the PNG atomically.
#pragma once
#include <filesystem>
#include <string>

namespace mnemo::eval {

class GnuplotJob {
 public:
  explicit GnuplotJob(std::filesystem::path png);
  ~GnuplotJob();
  GnuplotJob(const GnuplotJob&) = delete;
  GnuplotJob& operator=(const GnuplotJob&) = delete;

  // A path in the scratch directory for a data file of the script.
  std::filesystem::path data_file(const std::string& name) const;
  // `set terminal pngcairo ...` and `set output ...`: the first lines of every script.
  std::string preamble(int width, int height) const;
  // Runs `script`; a gnuplot failure is an error naming the PNG and quoting gnuplot.
  void run(const std::string& script);

 private:
  std::filesystem::path png_, work_, staged_;
};

// A string literal for a gnuplot script.
std::string gnuplot_quoted(const std::string& text);

}  // namespace mnemo::eval
