// Safetensors (Hugging Face's tensor file format): an 8-byte little-endian header length,
// a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, then the bytes.
// The reader maps the file and validates every entry before any tensor is touched, so a
// corrupt or hostile file gives an error naming the file and the tensor, never a crash.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mnemo::io {

enum class DType { F32, F16, BF16, I64 };

struct TensorEntry {
  std::string name;
  DType dtype;
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // byte offsets into the data section (after the header)
  uint64_t end = 0;
};

class SafetensorsFile {
 public:
  static constexpr uint64_t kMaxHeaderBytes = 100 * 1000 * 1000;  // as the reference reader

  explicit SafetensorsFile(std::filesystem::path path);
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;
  ~SafetensorsFile();

  const std::filesystem::path& path() const { return path_; }
  // In header order.
  const std::vector<TensorEntry>& entries() const { return entries_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  bool contains(const std::string& name) const { return index_.count(name) > 0; }
  const TensorEntry& entry(const std::string& name) const;

  // A copy in the stored dtype.
  torch::Tensor tensor(const std::string& name) const;
  // A copy converted to float32 (integer tensors are refused).
  torch::Tensor tensor_f32(const std::string& name) const;

 private:
  void parse_header(uint64_t header_length);

  std::filesystem::path path_;
  const uint8_t* mapping_ = nullptr;
  uint64_t file_size_ = 0;
  uint64_t data_start_ = 0;
  std::vector<TensorEntry> entries_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> metadata_;
};

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Header padded with spaces to a multiple of 8, `__metadata__` kept; tensors (float32,
// float16, bfloat16 or int64) written contiguous. Atomic: temporary file, fsync, rename.
void save_safetensors(const std::filesystem::path& path, const NamedTensors& tensors,
                      const std::map<std::string, std::string>& metadata = {});

const char* dtype_name(DType dtype);

}  // namespace mnemo::io
