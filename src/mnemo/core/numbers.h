// Whole-string number parsing for command-line values and text files: std::stod and
// std::stoll alone read "12abc" as 12 and throw on "abc"; these say no to both.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mnemo {

// `text` as a number when all of it is one (leading and trailing blanks and a trailing
// carriage return aside); nullopt otherwise.
std::optional<double> parse_number(const std::string& text);
std::optional<int64_t> parse_integer(const std::string& text);

// "1,2,4-8,16" -> {1, 2, 4, 5, 6, 7, 8, 16}; every value >= 1. Errors name `option`.
std::vector<int64_t> parse_counts(const std::string& text, const std::string& option);

}  // namespace mnemo
