// Code-point helpers with the exact character classes of Hugging Face's BertTokenizer
// (which follows Python's unicodedata), on top of utf8proc.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mnemo::text {

// Invalid UTF-8 bytes decode to U+FFFD.
std::u32string utf8_decode(std::string_view text);
std::string utf8_encode(std::u32string_view text);
// The byte offset of the first byte that does not start a valid UTF-8 sequence, if any.
std::optional<size_t> invalid_utf8_offset(std::string_view text);

bool is_bert_whitespace(char32_t c);   // space, \t, \n, \r, or category Zs
bool is_bert_control(char32_t c);      // category C*, except \t \n \r
bool is_bert_punctuation(char32_t c);  // ASCII symbols 33-47, 58-64, 91-96, 123-126, or category P*
bool is_cjk_ideograph(char32_t c);     // the CJK Unified Ideograph blocks BERT isolates
bool is_python_space(char32_t c);      // what Python's str.split() splits on
bool is_nonspacing_mark(char32_t c);   // category Mn

char32_t to_lower(char32_t c);  // simple (one-to-one) Unicode lowercase
std::u32string nfc(std::u32string_view text);
std::u32string nfd(std::u32string_view text);

}  // namespace mnemo::text
