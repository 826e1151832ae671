// Sentence splitting for noise text: good enough for edited prose, not a linguistic tool.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mnemo::text {

// Paragraphs are separated by blank lines; lines within one are joined. A sentence ends
// at '.', '!' or '?' (closing quotes and brackets kept with it) followed by white space.
// Whitespace is collapsed; empty sentences are dropped.
std::vector<std::string> split_sentences(std::string_view text);

}  // namespace mnemo::text
