#include "mnemo/text/gpt2_pretokenizer.h"

#include <utf8proc.h>

#include <array>
#include <cstdio>

#include "mnemo/core/error.h"
#include "mnemo/text/unicode.h"

namespace mnemo::text {
namespace {

enum class CharClass { letter, number, space, other };

// Unicode's White_Space property, which the `regex` module's \s matches.
bool is_unicode_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

struct Char {
  CharClass kind;
  size_t size;  // bytes
};

Char char_at(std::string_view text, size_t at) {
  utf8proc_int32_t code = 0;
  const auto size = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                     static_cast<utf8proc_ssize_t>(text.size() - at), &code);
  if (size <= 0) return {CharClass::other, 1};  // an invalid byte stands alone
  const char32_t c = static_cast<char32_t>(code);
  if (is_unicode_space(c)) return {CharClass::space, size_t(size)};
  switch (utf8proc_category(code)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return {CharClass::letter, size_t(size)};
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return {CharClass::number, size_t(size)};
    default:
      return {CharClass::other, size_t(size)};
  }
}

// End of the run of characters of class `kind` starting at `at`.
size_t run_end(std::string_view text, size_t at, CharClass kind) {
  while (at < text.size()) {
    const Char c = char_at(text, at);
    if (c.kind != kind) break;
    at += c.size;
  }
  return at;
}

// Length of a contraction ('s 't 're 've 'm 'll 'd) at `at`, or 0.
size_t contraction_at(std::string_view text, size_t at) {
  if (text[at] != '\'' || at + 1 >= text.size()) return 0;
  const char next = text[at + 1];
  if (next == 's' || next == 't' || next == 'm' || next == 'd') return 2;
  if (at + 2 < text.size()) {
    const std::string_view two = text.substr(at + 1, 2);
    if (two == "re" || two == "ve" || two == "ll") return 3;
  }
  return 0;
}

// Where the piece starting at `at` ends.
size_t piece_end(std::string_view text, size_t at) {
  if (const size_t contraction = contraction_at(text, at)) return at + contraction;
  // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: an optional plain space, then a run.
  const size_t body = text[at] == ' ' ? at + 1 : at;
  if (body < text.size()) {
    const Char first = char_at(text, body);
    if (first.kind != CharClass::space) return run_end(text, body, first.kind);
  }
  // `\s+(?!\S)` leaves the last space of a run to the word after it; `\s+` takes a run that
  // is one space long, or ends the text, whole.
  const size_t end = run_end(text, at, CharClass::space);
  if (end == text.size()) return end;
  size_t last = at;  // start of the run's last character
  for (size_t i = at; i < end; i += char_at(text, i).size) last = i;
  return last > at ? last : end;
}

std::array<char32_t, 256> byte_code_points() {
  std::array<char32_t, 256> table{};
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
    table[size_t(b)] = printable ? char32_t(b) : next++;
  }
  return table;
}

const std::array<char32_t, 256>& byte_table() {
  static const auto table = byte_code_points();
  return table;
}

}  // namespace

std::vector<std::string_view> gpt2_pretokenize(std::string_view text) {
  std::vector<std::string_view> pieces;
  for (size_t at = 0; at < text.size();) {
    const size_t end = piece_end(text, at);
    pieces.push_back(text.substr(at, end - at));
    at = end;
  }
  return pieces;
}

std::string bytes_to_unicode(std::string_view bytes) {
  std::u32string code_points;
  code_points.reserve(bytes.size());
  for (const char b : bytes) code_points.push_back(byte_table()[static_cast<unsigned char>(b)]);
  return utf8_encode(code_points);
}

std::string unicode_to_bytes(std::string_view text, const std::string& source) {
  static const auto inverse = [] {
    std::array<int, 512> table;
    table.fill(-1);
    for (int b = 0; b < 256; ++b) table[byte_table()[size_t(b)]] = b;
    return table;
  }();
  std::string bytes;
  for (const char32_t c : utf8_decode(text)) {
    if (c >= inverse.size() || inverse[c] < 0) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", unsigned(c));
      throw Error(source + ": " + code + " is not a byte-level BPE character");
    }
    bytes.push_back(static_cast<char>(inverse[c]));
  }
  return bytes;
}

}  // namespace mnemo::text
