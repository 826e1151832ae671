// Labelled toy sentences for the learned scorer's tests (library and command line).
#pragma once
#include <filesystem>

namespace mnemo::beb {

// `count` sentences in dir/text.txt, one a line, and their labels in dir/labels.txt: +1 with
// a positive word ("the day is good"), -1 with a negative one ("my cat is dull") or a negated
// positive one ("this film is not lovely"). The same sentences for the same count.
void write_toy_labelled_sentences(const std::filesystem::path& dir, int count);

}  // namespace mnemo::beb
