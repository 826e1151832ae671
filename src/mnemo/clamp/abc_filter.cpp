#include "mnemo/clamp/abc_filter.h"

#include <array>

#include "mnemo/core/strings.h"

namespace mnemo::clamp {
namespace {

constexpr std::array<std::string_view, 17> kDroppedFields = {
    "A:", "B:", "C:", "D:", "F:", "G:", "H:", "N:", "O:",
    "R:", "r:", "S:", "T:", "W:", "w:", "X:", "Z:"};

std::string_view trim_right(std::string_view text) {
  const size_t end = text.find_last_not_of(" \t\r");
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

bool is_dropped_field(std::string_view line) {
  for (const auto field : kDroppedFields)
    if (starts_with(line, field)) return true;
  return false;
}

}  // namespace

std::string filter_abc(std::string_view abc) {
  std::string music;
  size_t start = 0;
  while (start <= abc.size()) {
    size_t end = abc.find('\n', start);
    if (end == std::string_view::npos) end = abc.size();
    std::string_view line = abc.substr(start, end - start);
    start = end + 1;

    const bool score = starts_with(line, "%%score");
    if (is_dropped_field(line) || (starts_with(line, "%") && !score)) continue;
    if (!score) line = line.substr(0, line.find('%'));  // npos keeps the whole line
    line = trim_right(line);
    if (line.empty()) continue;
    for (const char c : line)
      if (c != '\r') music += c;
    music += '\n';
  }
  return music;
}

}  // namespace mnemo::clamp
