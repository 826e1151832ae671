#include "mnemo/beb/line_files.h"

#include <fstream>

#include "mnemo/core/error.h"

namespace mnemo::beb {

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw file_error(path, "cannot be read");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::vector<Tokens> encoded_lines(const std::string& path, const text::Tokenizer& tokenizer,
                                  bool after_end_of_text) {
  std::vector<Tokens> lines;
  for (const auto& line : read_lines(path)) {
    if (is_blank(line)) continue;
    Tokens tokens;
    if (after_end_of_text) tokens.push_back(text::end_of_text_id(tokenizer));
    const auto ids = tokenizer.encode(line);
    tokens.insert(tokens.end(), ids.begin(), ids.end());
    lines.push_back(std::move(tokens));
  }
  if (lines.empty()) throw file_error(path, "holds no lines of text (one per line expected)");
  return lines;
}

}  // namespace mnemo::beb
