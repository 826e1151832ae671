#include "mnemo/clamp/bar_patches.h"

#include <cctype>

namespace mnemo::clamp {
namespace {

// In the official regular expression's order: at each position the first that matches wins.
constexpr std::array<std::string_view, 7> kBarlines = {"|:", "::", ":|", "[|", "||", "|]", "|"};

size_t barline_at(std::string_view text, size_t position) {
  for (const auto barline : kBarlines)
    if (text.compare(position, barline.size(), barline) == 0) return barline.size();
  return 0;
}

}  // namespace

bool is_header_line(std::string_view line) {
  if (line.size() < 2) return false;
  return (std::isalpha(static_cast<unsigned char>(line[0])) && line[1] == ':') ||
         line.substr(0, 7) == "%%score";
}

Patch text_to_patch(std::string_view text) {
  Patch patch{};  // all pad
  const size_t used = std::min<size_t>(text.size(), kPatchLength);
  for (size_t i = 0; i < used; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 32 && c < 127) patch[i] = static_cast<uint8_t>(c - 31);
  }
  if (used < static_cast<size_t>(kPatchLength)) patch[used] = kEndCode;
  return patch;
}

std::string patch_to_text(const Patch& patch) {
  std::string text;
  for (const uint8_t code : patch) {
    if (code == kEndCode) break;
    if (code == kMaskCode) text += '?';
    if (code > kPadCode && code < kMaskCode) text += static_cast<char>(code + 31);
  }
  return text;
}

std::vector<std::string> split_bars(std::string_view body) {
  // Alternating pieces: text, barline, text, barline, ... with empty texts left out.
  std::vector<std::string> pieces;
  std::vector<bool> is_barline;
  std::string text;
  for (size_t i = 0; i < body.size();) {
    if (const size_t length = barline_at(body, i)) {
      if (!text.empty()) pieces.push_back(text), is_barline.push_back(false);
      text.clear();
      pieces.emplace_back(body.substr(i, length)), is_barline.push_back(true);
      i += length;
    } else {
      text += body[i++];
    }
  }
  if (!text.empty()) pieces.push_back(text), is_barline.push_back(false);

  size_t first = 0;
  if (pieces.size() > 1 && is_barline[0]) {  // a leading barline joins the first bar
    pieces[1] = pieces[0] + pieces[1];
    first = 1;
  }
  std::vector<std::string> bars;
  for (size_t i = first; i + 1 < pieces.size(); i += 2) bars.push_back(pieces[i] + pieces[i + 1]);
  return bars;
}

std::vector<Patch> patchify(std::string_view abc, const PatchOptions& options) {
  std::vector<Patch> patches;
  std::string body;
  auto flush_body = [&] {
    for (const auto& bar : split_bars(body)) patches.push_back(text_to_patch(bar));
    body.clear();
  };
  size_t start = 0;
  while (start < abc.size()) {
    size_t end = abc.find('\n', start);
    if (end == std::string_view::npos) end = abc.size();
    const std::string_view line = abc.substr(start, end - start);
    start = end + 1;
    if (is_header_line(line)) {
      flush_body();
      patches.push_back(text_to_patch(line));
    } else {
      body += line;
    }
  }
  flush_body();
  if (options.add_end_patch) {
    Patch end;
    end.fill(kEndCode);
    patches.push_back(end);
  }
  if (static_cast<int64_t>(patches.size()) > options.max_patches)
    patches.resize(static_cast<size_t>(options.max_patches));
  return patches;
}

torch::Tensor patches_to_tensor(const std::vector<Patch>& patches) {
  auto codes = torch::empty({static_cast<int64_t>(patches.size()), kPatchLength}, torch::kLong);
  auto rows = codes.accessor<int64_t, 2>();
  for (size_t i = 0; i < patches.size(); ++i)
    for (int64_t j = 0; j < kPatchLength; ++j) rows[static_cast<int64_t>(i)][j] = patches[i][j];
  return codes;
}

}  // namespace mnemo::clamp
