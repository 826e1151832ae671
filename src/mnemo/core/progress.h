// How long work tells its caller where it stands. Nothing in the library prints: the CLI
// draws these events on stderr, the server sends them to its clients, tests pass nothing.
#pragma once
#include <functional>
#include <string>

namespace mnemo {

struct Progress {
  // `done` of `total` units of work (steps, samples, bytes) and a status text such as
  // "segment 3/10, 812 tokens/s, ETA 12s". `keep`: a milestone (a stage's end) that a log
  // keeps, where other updates only replace the latest state.
  std::function<void(double done, double total, const std::string& status, bool keep)> on_update;
  // A line worth keeping: what a run starts from, where it resumes, weights left unused.
  std::function<void(const std::string& line)> on_note;

  void update(double done, double total, const std::string& status, bool keep = false) const {
    if (on_update) on_update(done, total, status, keep);
  }
  void note(const std::string& line) const {
    if (on_note) on_note(line);
  }
};

// "1h02m", "3m05s", "12s".
std::string format_duration(double seconds);

}  // namespace mnemo
