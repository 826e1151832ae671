#include "mnemo/core/printable.h"

#include <cstdio>

namespace mnemo {
namespace {

std::string hex_escape(const char* prefix, unsigned value) {
  char text[12];
  std::snprintf(text, sizeof text, "%s%02x", prefix, value);
  return text;
}

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
size_t utf8_sequence(std::string_view text, size_t i, unsigned& code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned lead = byte(0);
  size_t length;
  unsigned low = 0x80, high = 0xbf;  // the allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;   // overlong
    if (lead == 0xed) high = 0x9f;  // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;   // overlong
    if (lead == 0xf4) high = 0x8f;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  code_point = lead & (0x7f >> length);
  for (size_t k = 1; k < length; ++k) {
    const unsigned next = byte(k);
    if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xbf)) return 0;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  return length;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\r') {
      out += "\\r";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (c < 0x80) {  // other C0 controls and DEL
      out += hex_escape("\\x", c);
      ++i;
    } else {
      unsigned code_point = 0;
      const size_t length = utf8_sequence(text, i, code_point);
      if (length == 0) {
        out += hex_escape("\\x", c);
        ++i;
      } else if (code_point <= 0x9f) {  // C1 controls
        out += hex_escape("\\u00", code_point);
        i += length;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
    }
  }
  return out;
}

}  // namespace mnemo
