#include "mnemo/memorization/score_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::memorization {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "index,score";

// Parses "index,score"; false when the line is not exactly that.
bool parse_row(const std::string& line, int64_t& index, double& score) {
  const auto comma = line.find(',');
  if (comma == std::string::npos) return false;
  const auto parsed_index = parse_integer(line.substr(0, comma));
  const auto parsed_score = parse_number(line.substr(comma + 1));
  if (!parsed_index || !parsed_score) return false;
  index = *parsed_index;
  score = *parsed_score;
  return true;
}

ScoreTable parse_scores(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != kHeader)
    throw file_error(name, "line 1 should be the header '" + std::string(kHeader) + "'");
  ScoreTable scores;
  for (int64_t number = 2; std::getline(lines, line); ++number) {
    const std::string where = "line " + std::to_string(number) + ": ";
    int64_t index = 0;
    double score = 0;
    if (!parse_row(line, index, score))
      throw file_error(name, where + "expected 'index,score', got '" + line + "'");
    if (!(score >= 0 && score <= 1))
      throw file_error(name, where + "score " + std::to_string(score) + " is outside [0, 1]");
    if (!scores.emplace(index, score).second)
      throw file_error(name, where + "sequence " + std::to_string(index) + " appears twice");
  }
  return scores;
}

std::string format_row(int64_t index, double score) {
  std::ostringstream row;
  row.precision(17);
  row << index << ',' << score << '\n';
  return row.str();
}

}  // namespace

ScoreTable read_scores(const fs::path& path) {
  return parse_scores(io::read_file(path), path.string());
}

ScoreWriter::ScoreWriter(fs::path path) : path_(std::move(path)) {
  if (fs::exists(path_)) {
    auto text = io::read_file(path_);
    const auto complete = text.rfind('\n');
    if (complete == std::string::npos) {
      text.clear();  // not even a whole header: start again
    } else if (complete + 1 != text.size()) {
      text.resize(complete + 1);
    }
    if (!text.empty()) written_ = parse_scores(text, path_.string());
    fs::resize_file(path_, text.size());
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw file_error(path_.string(), std::string("cannot open: ") + std::strerror(errno));
  if (::lseek(fd_, 0, SEEK_END) == 0) append({});
}

ScoreWriter::~ScoreWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void ScoreWriter::append(const std::vector<std::pair<int64_t, double>>& rows) {
  std::string bytes = ::lseek(fd_, 0, SEEK_END) == 0 ? std::string(kHeader) + "\n" : "";
  for (const auto& [index, score] : rows) {
    if (written_.count(index))
      throw file_error(path_.string(), "sequence " + std::to_string(index) + " is already scored");
    bytes += format_row(index, score);
  }
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t wrote = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0)
      throw file_error(path_.string(), std::string("write failed: ") + std::strerror(errno));
    done += static_cast<size_t>(wrote);
  }
  if (::fsync(fd_) != 0)
    throw file_error(path_.string(), std::string("fsync failed: ") + std::strerror(errno));
  for (const auto& [index, score] : rows) written_[index] = score;
}

}  // namespace mnemo::memorization
