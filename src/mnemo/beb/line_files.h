// Text files of one sentence, prefix or label a line, as the beb commands read them.
#pragma once
#include <string>
#include <vector>

#include "mnemo/beb/tokens.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::beb {

// The lines of a text file; unreadable: an error naming it.
std::vector<std::string> read_lines(const std::string& path);
// Nothing but spaces, tabs or a carriage return.
bool is_blank(const std::string& line);

// The non-blank lines of a file, each encoded after end-of-text (prefixes) or alone
// (sentences); a file without one is an error naming it.
std::vector<Tokens> encoded_lines(const std::string& path, const text::Tokenizer& tokenizer,
                                  bool after_end_of_text);

}  // namespace mnemo::beb
