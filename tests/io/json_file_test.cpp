#include "mnemo/io/json_file.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace mnemo::io {
namespace {

using testing::error_of;

TEST(JsonField, ReadsValuesAndFallsBackWhenAbsentOrNull) {
  const auto json = nlohmann::json::parse(R"({"n": 12, "x": 0.5, "s": "gelu", "none": null})");
  EXPECT_EQ(json_field<int64_t>(json, "n", 0, "config.json"), 12);
  EXPECT_EQ(json_field<double>(json, "n", 0.0, "config.json"), 12.0);
  EXPECT_EQ(json_field<double>(json, "x", 0.0, "config.json"), 0.5);
  EXPECT_EQ(json_field<std::string>(json, "s", "", "config.json"), "gelu");
  EXPECT_EQ(json_field<int64_t>(json, "none", 7, "config.json"), 7);
  EXPECT_EQ(json_field<int64_t>(json, "absent", 7, "config.json"), 7);
}

// Found by tests/fuzz/config_json.cpp: "n_positions": 8.9e48 reached nlohmann's float-to-int
// conversion, undefined behaviour, instead of an error.
TEST(JsonField, AnIntegerFieldRefusesFloatsAndValuesOutOfItsRange) {
  const auto json = nlohmann::json::parse(
      R"({"huge": 8888888888888888888888888888888888888888888888864, "half": 2.5,
          "big": 18446744073709551615, "wide": 4294967296, "negative": -1, "s": "x"})");
  EXPECT_NE(error_of([&] {
              json_field<int64_t>(json, "huge", 0, "config.json");
            }).find("config.json: field 'huge' must be an integer"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              json_field<int64_t>(json, "half", 0, "config.json");
            }).find("field 'half' must be an integer"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              json_field<int64_t>(json, "big", 0, "config.json");
            }).find("field 'big' must be an integer"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              json_field<int>(json, "wide", 0, "config.json");
            }).find("field 'wide' must be an integer from -2147483648 to 2147483647"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              json_field<uint64_t>(json, "negative", 0, "config.json");
            }).find("field 'negative' must be an integer"),
            std::string::npos);
  EXPECT_EQ(json_field<int>(json, "negative", 0, "config.json"), -1);
  EXPECT_NE(error_of([&] {
              json_field<int64_t>(json, "s", 0, "config.json");
            }).find("field 's' must be an integer"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::io
