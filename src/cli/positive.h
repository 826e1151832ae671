// A CLI11 check for options that must be above zero, with a short message: CLI11's own
// PositiveNumber says so through a range whose upper end, for a double, is DBL_MAX in 300 digits.
#pragma once
#include <CLI/CLI.hpp>

namespace mnemo::cli {

const CLI::Validator& positive();

}  // namespace mnemo::cli
