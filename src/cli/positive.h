// A CLI11 check for options that must be above zero. positive() says so through a
// range whose upper end, for a double, is DBL_MAX written out in 300 digits.
#pragma once
#include <CLI/CLI.hpp>

namespace mnemo::cli {

const CLI::Validator& positive();

}  // namespace mnemo::cli
