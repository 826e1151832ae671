#include "mnemo/core/printable.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"

namespace mnemo {
namespace {

TEST(Printable, KeepsAsciiAndWellFormedUtf8) {
  EXPECT_EQ(printable("tensor 'w.bias' \\ 100%"), "tensor 'w.bias' \\ 100%");
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\xb5"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\xb5");  // 2, 3 and 4 bytes
}

TEST(Printable, EscapesControlCharacters) {
  EXPECT_EQ(printable("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(printable(std::string("\x1b[31mred\x7f\0", 10)), "\\x1b[31mred\\x7f\\x00");
  EXPECT_EQ(printable("\xc2\x9b"), "\\u009b");  // C1 CSI, well-formed UTF-8
}

TEST(Printable, EscapesEachByteOfIllFormedUtf8) {
  EXPECT_EQ(printable("\xff"), "\\xff");
  EXPECT_EQ(printable("\xc3"), "\\xc3");                             // cut short
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a surrogate
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(printable("\xe2\x82x"), "\\xe2\\x82x");
}

TEST(Printable, EveryErrorMessageIsPrintable) {
  const Error error = file_error("model/config.json", "field 'a\nb\xff'");
  EXPECT_STREQ(error.what(), "model/config.json: field 'a\\nb\\xff'");
}

}  // namespace
}  // namespace mnemo
