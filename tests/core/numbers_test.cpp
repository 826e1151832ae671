#include "mnemo/core/numbers.h"

#include <gtest/gtest.h>

namespace mnemo {
namespace {

TEST(Numbers, WholeStringsOnly) {
  EXPECT_EQ(parse_number("0.25"), 0.25);
  EXPECT_EQ(parse_number(" -1e-3\r"), -1e-3);
  EXPECT_EQ(parse_integer("713"), 713);
  EXPECT_EQ(parse_integer("-4 "), -4);
  for (const char* bad : {"", " ", "abc", "12abc", "1.5.2", "0x", "1,2"}) {
    EXPECT_FALSE(parse_number(bad)) << bad;
    EXPECT_FALSE(parse_integer(bad)) << bad;
  }
  EXPECT_FALSE(parse_integer("1.5"));
  EXPECT_FALSE(parse_integer("99999999999999999999"));  // out of range
}

}  // namespace
}  // namespace mnemo
