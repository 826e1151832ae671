// CLaMP's ABC clean-up before bar patching (the official `abc_filter`): metadata fields that
// say nothing about the music (title, composer, notes, words, ...) and comments go; the
// musical header fields (K: key, L: unit length, M: meter, Q: tempo, V: voice, ...) and the
// body stay.
//
// Two deliberate differences from the official code, both bug fixes:
// - 'G:' (group) lines are dropped; the official list has 'G' where it means 'G:', so it
//   kept them.
// - An inline comment is cut at its '%' and the trailing spaces go; the official code cut at
//   the last '%' and then dropped one more character, which ate a note when no space stood
//   before the comment.
#pragma once
#include <string>
#include <string_view>

namespace mnemo::clamp {

// `abc` is ASCII (text::to_ascii). Lines end in '\n' ('\r' is removed); blank lines, the
// fields A: B: C: D: F: G: H: N: O: R: r: S: T: W: w: X: Z: and '%' comment lines (except
// `%%score`) are dropped, inline comments cut.
std::string filter_abc(std::string_view abc);

}  // namespace mnemo::clamp
