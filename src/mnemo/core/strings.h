// String tests C++17 lacks (std::string::ends_with is C++20), ASCII white space, and a stable
// string hash.
#pragma once
#include <cstdint>
#include <string_view>

namespace mnemo {

inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

inline bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// std::isspace in the "C" locale, without depending on the locale.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// 64-bit FNV-1a: the same on every platform and run (std::hash is not); `hash` continues
// an earlier digest.
inline uint64_t fnv1a(std::string_view text, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace mnemo
