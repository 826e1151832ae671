// Text from outside (a tensor name, a header field, a line of a data file) made safe to print
// in a message: control characters and bytes that are not UTF-8 are written as escapes, so an
// error can neither drive a terminal nor break a program that reads mnemo's errors as text
// or JSON.
#pragma once
#include <string>
#include <string_view>

namespace mnemo {

// `text` with \n, \r and \t as those two-character escapes, other C0 controls, DEL and each
// byte of an ill-formed UTF-8 sequence as \xNN, and C1 controls (U+0080..U+009F) as \u00NN;
// well-formed UTF-8 and the rest of ASCII (backslash included) unchanged.
std::string printable(std::string_view text);

}  // namespace mnemo
