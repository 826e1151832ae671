#include "cli/support/progress_line.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "mnemo/runtime/world.h"

namespace mnemo::cli {

ProgressLine::ProgressLine() : terminal_(isatty(STDERR_FILENO) != 0) {
  if (!runtime::world().leader()) return;  // one progress line for a job of several ranks
  progress_.on_update = [this](double done, double total, const std::string& status, bool keep) {
    update(progress_bar(done, total) + " " + status, keep);
    if (keep) finish();
  };
  progress_.on_note = [this](const std::string& line) {
    finish();
    std::cerr << line << "\n" << std::flush;
  };
}

void ProgressLine::update(const std::string& text, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    std::cerr << "\r" << text << "\033[K" << std::flush;
    open_ = true;
    return;
  }
  if (force || now - printed_ > std::chrono::seconds(10)) {
    std::cerr << text << "\n" << std::flush;
    printed_ = now;
  }
}

void ProgressLine::finish() {
  if (open_) std::cerr << "\n" << std::flush;
  open_ = false;
}

std::string progress_bar(double done, double total, int width) {
  const int filled = total > 0 ? static_cast<int>(std::clamp(done / total, 0.0, 1.0) * width) : 0;
  return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "]";
}

}  // namespace mnemo::cli
