// Megatron's indexed dataset (`PREFIX.idx` + `PREFIX.bin`, MMapIndexedDataset), the format of
// Pythia's pre-shuffled Pile and of mnemo's own tokenized training sequences.
//
// .idx: "MMIDIDX\0\0", version (u64 = 1), token dtype code (u8), sequence count n (u64),
// document count d (u64), n int32 sequence lengths, n int64 byte offsets into .bin, d int64
// document boundaries. .bin: the tokens, back to back. Everything little-endian.
//
// The reader checks the header and the file sizes when it opens, and each sequence's offset
// and length against the .bin before reading it, so a truncated or corrupt pair of files is
// an error naming the file, never a crash; it reads with pread, so a 146M-sequence index
// costs no memory until sequences are asked for.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mnemo::io {

// Megatron's dtype codes of token files (its float codes 6 and 7 are refused).
enum class TokenDType : uint8_t {
  uint8 = 1,
  int8 = 2,
  int16 = 3,
  int32 = 4,
  int64 = 5,
  uint16 = 8
};

// uint16 when every id fits (vocabularies under 65,536, as Pythia's), int32 otherwise.
TokenDType token_dtype_for(int64_t vocab_size);

class IndexedDataset {
 public:
  // `prefix` with or without the .idx / .bin extension.
  explicit IndexedDataset(const std::filesystem::path& prefix);
  IndexedDataset(const IndexedDataset&) = delete;
  IndexedDataset& operator=(const IndexedDataset&) = delete;
  ~IndexedDataset();

  uint64_t size() const { return count_; }
  TokenDType dtype() const { return dtype_; }
  const std::filesystem::path& index_path() const { return index_path_; }
  int64_t length(uint64_t sequence) const;
  // The first `count` tokens of a sequence (all of them when count < 0); a sequence shorter
  // than `count` is an error naming the file, the sequence and both lengths.
  std::vector<int64_t> tokens(uint64_t sequence, int64_t count = -1) const;

 private:
  void read_at(int fd, const std::filesystem::path& path, uint64_t offset, void* out,
               uint64_t bytes) const;

  std::filesystem::path index_path_, data_path_;
  int index_fd_ = -1, data_fd_ = -1;
  TokenDType dtype_ = TokenDType::uint16;
  uint64_t count_ = 0;
  uint64_t data_bytes_ = 0;
};

// Writes PREFIX.bin and PREFIX.idx atomically (one document per sequence); an id that the
// dtype cannot hold is an error.
void write_indexed_dataset(const std::filesystem::path& prefix,
                           const std::vector<std::vector<int64_t>>& sequences, TokenDType dtype);

}  // namespace mnemo::io
