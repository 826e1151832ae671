// The Megatron indexed dataset reader and writer, against files laid out by a numpy writer.
#include "mnemo/io/indexed_dataset.h"

#include <fstream>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "test_support.h"

namespace mnemo::io {
namespace {

using testing::error_of;
using testing::ScratchDir;

class IndexedDatasetReference : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::reference_outputs("indexed_dataset_reference.py");
    expected_ = nlohmann::json::parse(read_file(dir_ / "expected.json"));
  }
  std::filesystem::path dir_;
  nlohmann::json expected_;
};

TEST_F(IndexedDatasetReference, ReadsEverySequenceOfBothTokenTypes) {
  for (const std::string name : {"pythia-like", "int32"}) {
    IndexedDataset data(dir_ / name);
    const auto& sequences = expected_.at(name);
    ASSERT_EQ(data.size(), sequences.size()) << name;
    for (size_t i = 0; i < sequences.size(); ++i) {
      EXPECT_EQ(data.length(i), static_cast<int64_t>(sequences[i].size()));
      EXPECT_EQ(data.tokens(i), sequences[i].get<std::vector<int64_t>>()) << name << " " << i;
    }
  }
  EXPECT_EQ(IndexedDataset(dir_ / "pythia-like.idx").dtype(), TokenDType::uint16);
  EXPECT_EQ(IndexedDataset(dir_ / "int32.bin").dtype(), TokenDType::int32);
}

TEST_F(IndexedDatasetReference, GivesAPrefixAndRefusesASequenceTooShort) {
  IndexedDataset data(dir_ / "pythia-like");
  EXPECT_EQ(data.tokens(1, 3), (std::vector<int64_t>{7, 7, 7}));
  const auto message = error_of([&] { data.tokens(2, 64); });
  EXPECT_NE(message.find("pythia-like.idx"), std::string::npos) << message;
  EXPECT_NE(message.find("sequence 2 has 2 tokens, fewer than 64"), std::string::npos) << message;
  EXPECT_NE(error_of([&] { data.tokens(3); }).find("no sequence 3"), std::string::npos);
}

TEST_F(IndexedDatasetReference, RefusesFloatsAsTokens) {
  const auto message = error_of([&] { IndexedDataset data(dir_ / "float"); });
  EXPECT_NE(message.find("float.idx: holds floating-point values"), std::string::npos) << message;
}

TEST(IndexedDataset, WritesWhatItReadsBack) {
  ScratchDir dir;
  const std::vector<std::vector<int64_t>> sequences = {{5, 6, 7}, {}, {65535, 0}};
  write_indexed_dataset(dir / "data", sequences, TokenDType::uint16);
  IndexedDataset data(dir / "data");
  ASSERT_EQ(data.size(), 3u);
  for (size_t i = 0; i < sequences.size(); ++i) EXPECT_EQ(data.tokens(i), sequences[i]);
  EXPECT_EQ(token_dtype_for(50304), TokenDType::uint16);
  EXPECT_EQ(token_dtype_for(100000), TokenDType::int32);
}

TEST(IndexedDataset, AnIdTheTypeCannotHoldIsAnErrorAndWritesNothing) {
  ScratchDir dir;
  const auto message = error_of([&] {
    write_indexed_dataset(dir / "data", {{1, 70000}}, TokenDType::uint16);
  });
  EXPECT_NE(message.find("token id 70000 of sequence 0"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(dir / "data.bin"));
  EXPECT_FALSE(fs::exists(dir / "data.idx"));
}

TEST(IndexedDataset, TruncatedOrForeignFilesAreErrorsNamingTheFile) {
  ScratchDir dir;
  write_indexed_dataset(dir / "data", {{1, 2, 3}, {4, 5}}, TokenDType::uint16);
  const auto index = read_file(dir / "data.idx");
  const auto data = read_file(dir / "data.bin");
  const auto open = [&] { IndexedDataset opened(dir / "data"); };

  write_file_atomic(dir / "data.idx", index.substr(0, index.size() - 5));
  auto message = error_of(open);
  EXPECT_NE(message.find("data.idx: truncated"), std::string::npos) << message;

  write_file_atomic(dir / "data.idx", index.substr(0, 20));
  message = error_of(open);
  EXPECT_NE(message.find("data.idx: truncated: 20 bytes"), std::string::npos) << message;

  write_file_atomic(dir / "data.idx", "PK\x03\x04" + index.substr(4));
  message = error_of(open);
  EXPECT_NE(message.find("not a Megatron indexed dataset"), std::string::npos) << message;

  write_file_atomic(dir / "data.idx", index);
  write_file_atomic(dir / "data.bin", data.substr(0, data.size() - 1));
  message = error_of(open);
  EXPECT_NE(message.find("data.bin: sequence 1"), std::string::npos) << message;
  EXPECT_NE(message.find("past the end"), std::string::npos) << message;

  fs::remove(dir / "data.bin");
  message = error_of(open);
  EXPECT_NE(message.find("data.bin: cannot open"), std::string::npos) << message;
}

}  // namespace
}  // namespace mnemo::io
