// GPT-2's byte-level pre-tokenization, exactly as OpenAI's encoder.py and Hugging Face's
// GPT2Tokenizer do it: the text is split by the regular expression
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// and each piece's UTF-8 bytes are spelled with one printable code point per byte.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mnemo::text {

// The pieces of `text` in order; concatenated they give `text` back byte for byte. Bytes that
// are not valid UTF-8 count as symbols (neither letters, digits nor whitespace).
std::vector<std::string_view> gpt2_pretokenize(std::string_view text);

// Each byte as its GPT-2 code point, UTF-8 encoded ("Ġ" for a space).
std::string bytes_to_unicode(std::string_view bytes);
// The inverse; a code point outside the map is an error naming `source`.
std::string unicode_to_bytes(std::string_view text, const std::string& source);

}  // namespace mnemo::text
