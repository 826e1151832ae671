// One status line on stderr: redrawn in place on a terminal, printed every few seconds
// (and on finish) when stderr is a file or a pipe, so logs stay readable.
#pragma once
#include <chrono>
#include <string>

namespace mnemo::cli {

class ProgressLine {
 public:
  ProgressLine();
  // Shows `text`; `force` prints it even when a pipe would otherwise skip it.
  void update(const std::string& text, bool force = false);
  // Ends the line, leaving the last text visible.
  void finish();

 private:
  bool terminal_;
  bool open_ = false;
  std::string last_;
  std::chrono::steady_clock::time_point printed_;
};

// "1h02m", "3m05s", "12s".
std::string format_duration(double seconds);

// "[#####.....]" of `width` cells for done/total.
std::string progress_bar(double done, double total, int width = 20);

}  // namespace mnemo::cli
