// CLaMP's bar patching (the official MusicPatchilizer): an ABC tune becomes a sequence of
// patches of 64 character codes, one per header line or bar, which the music encoder reads
// one-hot. A tune of ~750 characters becomes ~48 patches.
//
// Reproduced as the released checkpoints were trained, quirks included:
// - a header line is a line whose first character is a letter and second a ':' (or that
//   starts with `%%score`); every other line joins the body, without its newline;
// - the body splits after each barline, tried in the order |: :: :| [| || |] |, each
//   barline ending its bar; a leading barline joins the first bar;
// - bars are formed from (text, barline) pairs, so text after the last barline is dropped,
//   and two barlines in a row shift the pairing;
// - the optional end patch is added before the cut to max_patches, so a long tune loses it.
#pragma once
#include <torch/types.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mnemo::clamp {

constexpr int64_t kPatchLength = 64;   // characters per patch
constexpr int64_t kPatchClasses = 98;  // codes: pad, 95 printable characters, mask, end
constexpr uint8_t kPadCode = 0;
constexpr uint8_t kMaskCode = 96;
constexpr uint8_t kEndCode = 97;

using Patch = std::array<uint8_t, kPatchLength>;

struct PatchOptions {
  int64_t max_patches = 512;  // the checkpoint's max_length: 512 or 1024
  bool add_end_patch = true;  // an all-97 patch after the last bar (the official inference)
};

// Characters 32..126 -> code - 31, anything else -> pad; up to 64 characters, then the end
// code if there is room.
Patch text_to_patch(std::string_view text);
// The characters of a patch, up to its end code (pad shows as nothing, mask as '?').
std::string patch_to_text(const Patch& patch);

// A line that is a patch of its own: `X:`-style field or `%%score`.
bool is_header_line(std::string_view line);

// The bars of an ABC body (see above).
std::vector<std::string> split_bars(std::string_view body);

// `abc` is ASCII (text::to_ascii), as filter_abc leaves it.
std::vector<Patch> patchify(std::string_view abc, const PatchOptions& options = {});

// (N, 64) int64 codes.
torch::Tensor patches_to_tensor(const std::vector<Patch>& patches);

}  // namespace mnemo::clamp
