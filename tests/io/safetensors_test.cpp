#include "mnemo/io/safetensors.h"

#include <torch/torch.h>

#include <random>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "test_support.h"

namespace mnemo::io {
namespace {

using testing::ScratchDir;

// A file with the given header text (unpadded) and data bytes.
std::string raw_file(const std::string& header, const std::string& data) {
  std::string bytes;
  for (int i = 0; i < 8; ++i) bytes.push_back(char((uint64_t(header.size()) >> (8 * i)) & 0xff));
  return bytes + header + data;
}

// The error message of opening `bytes` as a safetensors file, or "" if it opened.
std::string open_error(const ScratchDir& dir, const std::string& bytes) {
  const auto path = dir / "file.safetensors";
  testing::write_text(path, bytes);
  try {
    SafetensorsFile file(path);
    for (const auto& entry : file.entries()) (void)file.tensor(entry.name);
    return "";
  } catch (const Error& e) {
    return e.what();
  }
}

TEST(Safetensors, RoundTripKeepsDtypesShapesValuesAndMetadata) {
  ScratchDir dir;
  torch::manual_seed(0);
  const auto f32 = torch::randn({3, 5});
  const auto f16 = torch::randn({4}).to(torch::kHalf);
  const auto bf16 = torch::randn({2, 2}).to(torch::kBFloat16);
  const auto i64 = torch::arange(7, torch::kLong).view({1, 7});
  const auto scalar = torch::tensor(2.5f).reshape({});
  save_safetensors(dir / "t.safetensors",
                   {{"a", f32}, {"half", f16}, {"brain", bf16}, {"ids", i64}, {"scalar", scalar}},
                   {{"format", "pt"}, {"note", "kept"}});
  SafetensorsFile file(dir / "t.safetensors");
  EXPECT_EQ(file.metadata().at("note"), "kept");
  ASSERT_EQ(file.entries().size(), 5u);
  EXPECT_EQ(file.entry("half").dtype, DType::F16);
  EXPECT_EQ(file.entry("brain").dtype, DType::BF16);
  EXPECT_TRUE(torch::equal(file.tensor("a"), f32));
  EXPECT_TRUE(torch::equal(file.tensor("half"), f16));
  EXPECT_TRUE(torch::equal(file.tensor_f32("brain"), bf16.to(torch::kFloat)));
  EXPECT_TRUE(torch::equal(file.tensor("ids"), i64));
  EXPECT_EQ(file.tensor("scalar").dim(), 0);
  EXPECT_THROW(file.tensor_f32("ids"), Error);

  const std::string bytes = read_file(dir / "t.safetensors");
  uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | uint8_t(bytes[i]);
  EXPECT_EQ(header_length % 8, 0u) << "header must be padded to 8 bytes";
}

TEST(Safetensors, RefusesDtypesItCannotStore) {
  ScratchDir dir;
  EXPECT_THROW(save_safetensors(dir / "x.safetensors", {{"b", torch::ones({2}, torch::kBool)}}),
               Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.safetensors"));
}

TEST(Safetensors, EveryTruncationIsAnErrorNamingTheFile) {
  ScratchDir dir;
  save_safetensors(dir / "good.safetensors",
                   {{"w", torch::randn({4, 4})}, {"b", torch::randn({4})}});
  const std::string bytes = read_file(dir / "good.safetensors");
  for (size_t length = 0; length < bytes.size(); ++length) {
    const std::string error = open_error(dir, bytes.substr(0, length));
    ASSERT_FALSE(error.empty()) << "truncated to " << length << " bytes but opened";
    EXPECT_NE(error.find("file.safetensors"), std::string::npos) << error;
  }
}

TEST(Safetensors, AbsurdHeaderLengthIsRefusedBeforeReading) {
  ScratchDir dir;
  std::string bytes(8, '\xff');
  bytes += "{}";
  EXPECT_NE(open_error(dir, bytes).find("exceeds the limit"), std::string::npos);
  std::string just_too_long = raw_file("{}", "");
  just_too_long[0] = 3;  // claims 3 bytes of header, only 2 follow
  EXPECT_NE(open_error(dir, just_too_long).find("truncated"), std::string::npos);
}

TEST(Safetensors, HostileHeadersGiveErrorsNamingTheTensor) {
  ScratchDir dir;
  const std::string data(32, '\0');
  struct Case {
    std::string header, expected;
  };
  const std::vector<Case> cases = {
      {"not json", "not valid JSON"},
      {"[1, 2]", "not a JSON object"},
      {R"({"w": {"dtype": "Q7", "shape": [2], "data_offsets": [0, 8]}})", "unsupported dtype 'Q7'"},
      {R"({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})",
       "tensor 'w': shape x dtype"},
      {R"({"w": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})",
       "tensor 'w': shape holds"},
      {R"({"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 8]}})",
       "tensor 'w': shape is absurdly large"},
      {R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}})", "begin after they end"},
      {R"({"w": {"dtype": "F32", "shape": [16], "data_offsets": [0, 64]}})",
       "tensor 'w': data ends at byte 64"},
      {R"({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
           "v": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}})",
       "overlaps"},
      {R"({"w": {"dtype": "F32", "shape": [2]}})", "tensor 'w': data_offsets"},
      {R"({"w": {"shape": [2], "data_offsets": [0, 8]}})", "tensor 'w': missing dtype"},
      {R"({"__metadata__": {"n": 3}})", "__metadata__ 'n' is not a string"},
  };
  for (const auto& c : cases) {
    const std::string error = open_error(dir, raw_file(c.header, data));
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.header << "\n  gave: " << error;
  }
}

// A tensor name with a terminal escape and a newline (JSON escapes in the header) reaches the
// error escaped, and so do raw bytes that make the header invalid JSON: each message is one
// printable line of valid UTF-8.
TEST(Safetensors, WhatTheHeaderHoldsIsEscapedInErrors) {
  ScratchDir dir;
  const std::string data(32, '\0');
  const std::string error = open_error(
      dir,
      raw_file(R"({"w\u001b[31m\nx\u00e9": {"dtype": "Q7", "shape": [2], "data_offsets": [0, 8]}})",
               data));
  EXPECT_NE(error.find("tensor 'w\\x1b[31m\\nx\xc3\xa9': unsupported dtype 'Q7'"),
            std::string::npos)
      << error;
  const std::string raw = open_error(dir, raw_file("{\"w\x1b\xff\": 1}", data));
  EXPECT_NE(raw.find("not valid JSON"), std::string::npos) << raw;
  for (const auto& message : {error, raw})
    for (const char c : message) {
      EXPECT_GE(static_cast<unsigned char>(c), 0x20) << message;
      EXPECT_NE(static_cast<unsigned char>(c), 0xff) << message;
    }
}

TEST(Safetensors, BitFlipsInTheHeaderNeverCrash) {
  ScratchDir dir;
  save_safetensors(dir / "good.safetensors",
                   {{"w", torch::randn({3, 2})}, {"ids", torch::arange(3)}});
  const std::string bytes = read_file(dir / "good.safetensors");
  uint64_t header_end = 8;
  for (int i = 7; i >= 0; --i) header_end += uint64_t(uint8_t(bytes[i])) << (8 * i);
  std::mt19937 random(7);
  int refused = 0;
  for (uint64_t position = 0; position < header_end; ++position) {
    for (int bit : {0, 3, 6}) {
      std::string flipped = bytes;
      flipped[position] = char(flipped[position] ^ (1 << bit));
      // Either a valid file (a flip in a name, say) or a clean error; never a crash.
      if (!open_error(dir, flipped).empty()) ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace mnemo::io
