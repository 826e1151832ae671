// Memorization scores as CSV: a header `index,score`, then one row per training sequence.
// The writer appends and syncs batch by batch, so a killed scoring run loses at most the
// batch in flight and resumes where it stopped: no row twice, none missing.
#pragma once
#include <filesystem>
#include <utility>
#include <vector>

#include "mnemo/memorization/prediction.h"

namespace mnemo::memorization {

// Errors name the file and the line: a wrong header, a malformed row, a score outside
// [0, 1], an index twice.
ScoreTable read_scores(const std::filesystem::path& path);

class ScoreWriter {
 public:
  // Creates the file with its header, or reopens an existing one: its rows are read back
  // (a torn last line, from a kill in the middle of a write, is cut off first).
  explicit ScoreWriter(std::filesystem::path path);
  ScoreWriter(const ScoreWriter&) = delete;
  ScoreWriter& operator=(const ScoreWriter&) = delete;
  ~ScoreWriter();

  const ScoreTable& written() const { return written_; }
  // Appends the rows and syncs them to disk; an index already written is an error.
  void append(const std::vector<std::pair<int64_t, double>>& rows);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  ScoreTable written_;
};

}  // namespace mnemo::memorization
