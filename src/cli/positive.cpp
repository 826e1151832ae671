#include "cli/positive.h"

#include <string>

namespace mnemo::cli {

const CLI::Validator& positive() {
  static const CLI::Validator check(
      [](std::string& value) -> std::string {
        double number = 0;
        if (!CLI::detail::lexical_cast(value, number)) return "'" + value + "' is not a number";
        if (!(number > 0)) return "must be positive, got " + value;
        return {};
      },
      "POSITIVE");
  return check;
}

}  // namespace mnemo::cli
