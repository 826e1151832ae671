// Library progress on stderr: one status line redrawn in place on a terminal, printed every
// few seconds (and at milestones) when stderr is a file or a pipe, so logs stay readable;
// notes as lines of their own.
#pragma once
#include <chrono>
#include <string>

#include "mnemo/core/progress.h"

namespace mnemo::cli {

class ProgressLine {
 public:
  ProgressLine();
  ~ProgressLine() { finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Shows `text`; `force` prints it even when a pipe would otherwise skip it.
  void update(const std::string& text, bool force = false);
  // Ends the line, leaving the last text visible.
  void finish();
  // Draws `[####......] status` for updates (a milestone stays on its own line) and prints
  // notes between them. Valid while this line lives.
  const Progress& progress() const { return progress_; }

 private:
  bool terminal_;
  bool open_ = false;
  std::chrono::steady_clock::time_point printed_;
  Progress progress_;
};

// "[#####.....]" of `width` cells for done/total.
std::string progress_bar(double done, double total, int width = 20);

}  // namespace mnemo::cli
