#include "mnemo/core/numbers.h"

#include <stdexcept>

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

}  // namespace mnemo
