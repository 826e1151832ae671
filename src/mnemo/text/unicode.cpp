#include "mnemo/text/unicode.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace mnemo::text {
namespace {

utf8proc_category_t category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

using Normalizer = utf8proc_uint8_t* (*)(const utf8proc_uint8_t*);

std::u32string normalize(std::u32string_view text, Normalizer normalizer) {
  const std::string bytes = utf8_encode(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> result(
      normalizer(reinterpret_cast<const utf8proc_uint8_t*>(bytes.c_str())), &std::free);
  if (!result) return std::u32string(text);  // only on allocation failure
  return utf8_decode(reinterpret_cast<const char*>(result.get()));
}

// Calls visit(code_point, byte_offset) for each character; an invalid byte comes as -1.
template <typename Visit>
void for_each_code_point(std::string_view text, Visit visit) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code_point;
    utf8proc_ssize_t used = utf8proc_iterate(bytes, remaining, &code_point);
    if (used <= 0) {
      code_point = -1;
      used = 1;
    }
    if (!visit(code_point, text.size() - static_cast<size_t>(remaining))) return;
    bytes += used;
    remaining -= used;
  }
}

}  // namespace

std::u32string utf8_decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](int32_t code_point, size_t) {
    out.push_back(code_point < 0 ? 0xFFFD : static_cast<char32_t>(code_point));
    return true;
  });
  return out;
}

std::optional<size_t> invalid_utf8_offset(std::string_view text) {
  std::optional<size_t> invalid;
  for_each_code_point(text, [&](int32_t code_point, size_t offset) {
    if (code_point < 0) invalid = offset;
    return code_point >= 0;
  });
  return invalid;
}

std::string utf8_encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  utf8proc_uint8_t buffer[4];
  for (char32_t c : text) {
    utf8proc_ssize_t length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
  }
  return out;
}

bool is_bert_whitespace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || category(c) == UTF8PROC_CATEGORY_ZS;
}

bool is_bert_control(char32_t c) {
  if (c == U'\t' || c == U'\n' || c == U'\r') return false;
  switch (category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
      return true;
    default:
      return false;
  }
}

bool is_bert_punctuation(char32_t c) {
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
      (c >= 123 && c <= 126))
    return true;
  const auto cat = category(c);
  return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_python_space(char32_t c) {
  if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x20 || c == 0x85) return true;
  const auto cat = category(c);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

bool is_nonspacing_mark(char32_t c) { return category(c) == UTF8PROC_CATEGORY_MN; }

char32_t to_lower(char32_t c) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

std::u32string nfc(std::u32string_view text) { return normalize(text, utf8proc_NFC); }
std::u32string nfd(std::u32string_view text) { return normalize(text, utf8proc_NFD); }

}  // namespace mnemo::text
