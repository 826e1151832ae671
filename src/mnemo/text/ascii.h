// Text to plain ASCII, as CLaMP's `unidecode` step: ICU's "Any-Latin; Latin-ASCII"
// transliteration (Ж -> Zh, é -> e, “ -> "), then whatever still lies outside ASCII (emoji,
// symbols without a Latin spelling) is dropped, as unidecode drops what it cannot spell.
#pragma once
#include <string>
#include <string_view>

namespace mnemo::text {

// `utf8` must be valid UTF-8; an invalid sequence is an error naming its byte offset.
std::string to_ascii(std::string_view utf8);

}  // namespace mnemo::text
