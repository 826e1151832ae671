#include "mnemo/io/indexed_dataset.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the format is little-endian");

namespace mnemo::io {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[9] = {'M', 'M', 'I', 'D', 'I', 'D', 'X', '\0', '\0'};
constexpr uint64_t kVersion = 1;
constexpr uint64_t kHeaderBytes = sizeof(kMagic) + 8 + 1 + 8 + 8;

uint64_t item_bytes(TokenDType dtype) {
  switch (dtype) {
    case TokenDType::uint8:
    case TokenDType::int8:
      return 1;
    case TokenDType::int16:
    case TokenDType::uint16:
      return 2;
    case TokenDType::int32:
      return 4;
    case TokenDType::int64:
      return 8;
  }
  return 0;
}

// The ids a dtype can hold: [low, high].
std::pair<int64_t, int64_t> id_range(TokenDType dtype) {
  switch (dtype) {
    case TokenDType::uint8:
      return {0, 255};
    case TokenDType::int8:
      return {-128, 127};
    case TokenDType::int16:
      return {-32768, 32767};
    case TokenDType::uint16:
      return {0, 65535};
    case TokenDType::int32:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    case TokenDType::int64:
      return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
  return {0, -1};
}

TokenDType parse_dtype(uint8_t code, const std::string& path) {
  switch (code) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 8:
      return static_cast<TokenDType>(code);
    case 6:
    case 7:
      throw file_error(path, "holds floating-point values (dtype code " + std::to_string(code) +
                                 "), not token ids");
    default:
      throw file_error(path, "unknown dtype code " + std::to_string(code));
  }
}

// Decodes `count` little-endian values of `dtype` from `bytes`.
std::vector<int64_t> decode(const char* bytes, uint64_t count, TokenDType dtype) {
  std::vector<int64_t> ids(count);
  for (uint64_t i = 0; i < count; ++i) {
    const char* at = bytes + i * item_bytes(dtype);
    switch (dtype) {
      case TokenDType::uint8:
        ids[i] = static_cast<uint8_t>(*at);
        break;
      case TokenDType::int8:
        ids[i] = static_cast<int8_t>(*at);
        break;
      case TokenDType::int16: {
        int16_t v;
        std::memcpy(&v, at, 2);
        ids[i] = v;
        break;
      }
      case TokenDType::uint16: {
        uint16_t v;
        std::memcpy(&v, at, 2);
        ids[i] = v;
        break;
      }
      case TokenDType::int32: {
        int32_t v;
        std::memcpy(&v, at, 4);
        ids[i] = v;
        break;
      }
      case TokenDType::int64:
        std::memcpy(&ids[i], at, 8);
        break;
    }
  }
  return ids;
}

int open_read(const fs::path& path, uint64_t& bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw file_error(path.string(), std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    throw file_error(path.string(), std::string("cannot stat: ") + std::strerror(errno));
  }
  bytes = static_cast<uint64_t>(info.st_size);
  return fd;
}

fs::path without_extension(const fs::path& prefix) {
  const auto extension = prefix.extension();
  return extension == ".idx" || extension == ".bin" ? fs::path(prefix).replace_extension() : prefix;
}

template <typename T>
void append(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(value));
}

}  // namespace

TokenDType token_dtype_for(int64_t vocab_size) {
  return vocab_size <= 65536 ? TokenDType::uint16 : TokenDType::int32;
}

IndexedDataset::IndexedDataset(const fs::path& prefix) {
  const auto base = without_extension(prefix);
  index_path_ = fs::path(base.string() + ".idx");
  data_path_ = fs::path(base.string() + ".bin");
  const std::string name = index_path_.string();
  uint64_t index_bytes = 0;
  index_fd_ = open_read(index_path_, index_bytes);
  try {
    data_fd_ = open_read(data_path_, data_bytes_);
    if (index_bytes < kHeaderBytes)
      throw file_error(name, "truncated: " + std::to_string(index_bytes) +
                                 " bytes, shorter than the " + std::to_string(kHeaderBytes) +
                                 "-byte header");
    char header[kHeaderBytes];
    read_at(index_fd_, index_path_, 0, header, kHeaderBytes);
    if (std::memcmp(header, kMagic, sizeof(kMagic)) != 0)
      throw file_error(name, "not a Megatron indexed dataset index (no MMIDIDX magic)");
    uint64_t version = 0, documents = 0;
    std::memcpy(&version, header + 9, 8);
    if (version != kVersion)
      throw file_error(name, "index version " + std::to_string(version) + ", expected 1");
    dtype_ = parse_dtype(static_cast<uint8_t>(header[17]), name);
    std::memcpy(&count_, header + 18, 8);
    std::memcpy(&documents, header + 26, 8);
    const uint64_t room = index_bytes - kHeaderBytes;
    if (count_ > room / 12 || documents > (room - count_ * 12) / 8)
      throw file_error(name, "truncated: " + std::to_string(index_bytes) + " bytes for " +
                                 std::to_string(count_) + " sequences and " +
                                 std::to_string(documents) + " documents");
    if (room != count_ * 12 + documents * 8)
      throw file_error(name, std::to_string(room - count_ * 12 - documents * 8) +
                                 " unexpected bytes after the index");
    if (count_ > 0) tokens(count_ - 1, 0);  // the last sequence must lie inside the .bin
  } catch (...) {
    if (data_fd_ >= 0) ::close(data_fd_);
    ::close(index_fd_);
    throw;
  }
}

IndexedDataset::~IndexedDataset() {
  ::close(index_fd_);
  ::close(data_fd_);
}

void IndexedDataset::read_at(int fd, const fs::path& path, uint64_t offset, void* out,
                             uint64_t bytes) const {
  auto* at = static_cast<char*>(out);
  while (bytes > 0) {
    const ssize_t got = ::pread(fd, at, bytes, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0)
      throw file_error(path.string(), got < 0 ? std::string("read failed: ") + std::strerror(errno)
                                              : "ends early at byte " + std::to_string(offset));
    at += got;
    offset += static_cast<uint64_t>(got);
    bytes -= static_cast<uint64_t>(got);
  }
}

int64_t IndexedDataset::length(uint64_t sequence) const {
  if (sequence >= count_)
    throw file_error(index_path_.string(), "no sequence " + std::to_string(sequence) +
                                               " (it holds " + std::to_string(count_) + ")");
  int32_t value = 0;
  read_at(index_fd_, index_path_, kHeaderBytes + 4 * sequence, &value, 4);
  if (value < 0)
    throw file_error(index_path_.string(),
                     "sequence " + std::to_string(sequence) + " has a negative length");
  return value;
}

std::vector<int64_t> IndexedDataset::tokens(uint64_t sequence, int64_t count) const {
  const int64_t available = length(sequence);
  if (count > available)
    throw file_error(index_path_.string(), "sequence " + std::to_string(sequence) + " has " +
                                               std::to_string(available) + " tokens, fewer than " +
                                               std::to_string(count));
  const uint64_t wanted = static_cast<uint64_t>(count < 0 ? available : count);
  int64_t offset = 0;
  read_at(index_fd_, index_path_, kHeaderBytes + 4 * count_ + 8 * sequence, &offset, 8);
  const uint64_t item = item_bytes(dtype_);
  const uint64_t start = static_cast<uint64_t>(offset);
  if (offset < 0 || start > data_bytes_ ||
      static_cast<uint64_t>(available) > (data_bytes_ - start) / item)
    throw file_error(data_path_.string(),
                     "sequence " + std::to_string(sequence) + " (byte " + std::to_string(offset) +
                         ", " + std::to_string(available) + " tokens) lies past the end of the " +
                         std::to_string(data_bytes_) + "-byte file");
  std::string bytes(wanted * item, '\0');
  read_at(data_fd_, data_path_, start, bytes.data(), bytes.size());
  return decode(bytes.data(), wanted, dtype_);
}

void write_indexed_dataset(const fs::path& prefix,
                           const std::vector<std::vector<int64_t>>& sequences, TokenDType dtype) {
  const auto base = without_extension(prefix);
  const auto [low, high] = id_range(dtype);
  const uint64_t item = item_bytes(dtype);
  AtomicFileWriter data(base.string() + ".bin");
  std::string index(kMagic, sizeof(kMagic));
  append(index, kVersion);
  append(index, static_cast<uint8_t>(dtype));
  append(index, static_cast<uint64_t>(sequences.size()));
  append(index, static_cast<uint64_t>(sequences.size() + 1));
  std::string sizes, offsets, documents;
  uint64_t offset = 0;
  for (size_t i = 0; i < sequences.size(); ++i) {
    std::string bytes;
    for (const int64_t id : sequences[i]) {
      if (id < low || id > high)
        throw Error(base.string() + ".bin: token id " + std::to_string(id) + " of sequence " +
                    std::to_string(i) + " does not fit the file's dtype");
      bytes.append(reinterpret_cast<const char*>(&id), item);  // little-endian truncation
    }
    data.write(bytes);
    append(sizes, static_cast<int32_t>(sequences[i].size()));
    append(offsets, static_cast<int64_t>(offset));
    append(documents, static_cast<int64_t>(i));
    offset += bytes.size();
  }
  append(documents, static_cast<int64_t>(sequences.size()));
  data.commit();
  write_file_atomic(base.string() + ".idx", index + sizes + offsets + documents);
}

}  // namespace mnemo::io
