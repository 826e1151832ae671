#include "mnemo/core/numbers.h"

#include <sstream>
#include <stdexcept>

#include "mnemo/core/error.h"

namespace mnemo {
namespace {

template <typename Parse>
auto parse_whole(const std::string& text, Parse parse)
    -> std::optional<decltype(parse(text, nullptr))> {
  size_t used = 0;
  try {
    const auto value = parse(text, &used);
    if (text.find_first_not_of(" \t\r", used) != std::string::npos) return std::nullopt;
    return value;
  } catch (const std::logic_error&) {  // invalid_argument or out_of_range
    return std::nullopt;
  }
}

}  // namespace

std::optional<double> parse_number(const std::string& text) {
  return parse_whole(text, [](const std::string& s, size_t* used) { return std::stod(s, used); });
}

std::optional<int64_t> parse_integer(const std::string& text) {
  return parse_whole(
      text, [](const std::string& s, size_t* used) -> int64_t { return std::stoll(s, used); });
}

std::vector<int64_t> parse_counts(const std::string& text, const std::string& option) {
  std::vector<int64_t> counts;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    const auto dash = item.find('-', 1);
    const auto first = parse_integer(item.substr(0, dash));
    const auto last = dash == std::string::npos ? first : parse_integer(item.substr(dash + 1));
    if (!first || !last || *first < 1 || *last < *first)
      throw Error(option + ": '" + item + "' is not a count >= 1 or a range like 4-8");
    for (int64_t value = *first; value <= *last; ++value) counts.push_back(value);
  }
  if (counts.empty()) throw Error(option + ": give at least one count");
  return counts;
}

}  // namespace mnemo
