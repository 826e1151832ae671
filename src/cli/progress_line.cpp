#include "cli/progress_line.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace mnemo::cli {

ProgressLine::ProgressLine() : terminal_(isatty(STDERR_FILENO) != 0) {}

void ProgressLine::update(const std::string& text, bool force) {
  const auto now = std::chrono::steady_clock::now();
  last_ = text;
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

std::string format_duration(double seconds) {
  const auto total = static_cast<long>(std::max(0.0, std::round(seconds)));
  char buffer[32];
  if (total >= 3600)
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", total / 3600, total % 3600 / 60);
  else if (total >= 60)
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", total / 60, total % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lds", total);
  return buffer;
}

std::string progress_bar(double done, double total, int width) {
  const int filled = total > 0 ? static_cast<int>(std::clamp(done / total, 0.0, 1.0) * width) : 0;
  return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "]";
}

}  // namespace mnemo::cli
