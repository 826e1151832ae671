#include "mnemo/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::io {
namespace {

using nlohmann::json;

struct DTypeInfo {
  DType dtype;
  const char* name;
  torch::ScalarType scalar_type;
  uint64_t bytes;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::F32, "F32", torch::kFloat32, 4},
    {DType::F16, "F16", torch::kFloat16, 2},
    {DType::BF16, "BF16", torch::kBFloat16, 2},
    {DType::I64, "I64", torch::kInt64, 8},
};

const DTypeInfo& info_of(DType dtype) {
  for (const auto& info : kDTypes)
    if (info.dtype == dtype) return info;
  throw Error("internal: unknown DType");
}

const DTypeInfo* info_of_scalar(torch::ScalarType type) {
  for (const auto& info : kDTypes)
    if (info.scalar_type == type) return &info;
  return nullptr;
}

// a * b, or nullopt on overflow of 64 bits.
std::optional<uint64_t> checked_multiply(uint64_t a, uint64_t b) {
  uint64_t product;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

}  // namespace

const char* dtype_name(DType dtype) { return info_of(dtype).name; }

SafetensorsFile::SafetensorsFile(std::filesystem::path path) : path_(std::move(path)) {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw file_error(path_.string(), std::string("cannot open: ") + std::strerror(errno));
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    throw file_error(path_.string(), "not a regular file");
  }
  file_size_ = static_cast<uint64_t>(status.st_size);
  if (file_size_ < 8) {
    ::close(fd);
    throw file_error(path_.string(), "truncated safetensors file: " + std::to_string(file_size_) +
                                         " bytes, less than the 8-byte header length");
  }
  void* mapping = ::mmap(nullptr, file_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapping == MAP_FAILED)
    throw file_error(path_.string(), std::string("mmap failed: ") + std::strerror(errno));
  mapping_ = static_cast<const uint8_t*>(mapping);

  uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | mapping_[i];
  try {
    parse_header(header_length);
  } catch (...) {
    ::munmap(const_cast<uint8_t*>(mapping_), file_size_);
    mapping_ = nullptr;
    throw;
  }
}

SafetensorsFile::~SafetensorsFile() {
  if (mapping_ != nullptr) ::munmap(const_cast<uint8_t*>(mapping_), file_size_);
}

void SafetensorsFile::parse_header(uint64_t header_length) {
  const std::string file = path_.string();
  if (header_length > kMaxHeaderBytes)
    throw file_error(file, "header length " + std::to_string(header_length) +
                               " exceeds the limit of " + std::to_string(kMaxHeaderBytes) +
                               " bytes (corrupt or not a safetensors file)");
  if (header_length > file_size_ - 8)
    throw file_error(file, "truncated: header of " + std::to_string(header_length) +
                               " bytes but only " + std::to_string(file_size_ - 8) + " follow");
  data_start_ = 8 + header_length;
  const uint64_t data_size = file_size_ - data_start_;

  json header;
  try {
    header = json::parse(mapping_ + 8, mapping_ + data_start_);
  } catch (const json::exception& e) {
    throw file_error(file, std::string("header is not valid JSON: ") + e.what());
  }
  if (!header.is_object()) throw file_error(file, "header is not a JSON object");

  for (const auto& [name, value] : header.items()) {
    auto bad = [&](const std::string& what) {
      return file_error(file, "tensor '" + name + "': " + what);
    };
    if (name == "__metadata__") {
      if (!value.is_object()) throw file_error(file, "__metadata__ is not an object");
      for (const auto& [key, text] : value.items()) {
        if (!text.is_string()) throw file_error(file, "__metadata__ '" + key + "' is not a string");
        metadata_[key] = text.get<std::string>();
      }
      continue;
    }
    if (!value.is_object()) throw bad("entry is not an object");
    if (!value.contains("dtype") || !value["dtype"].is_string()) throw bad("missing dtype");
    if (!value.contains("shape") || !value["shape"].is_array()) throw bad("missing shape");
    if (!value.contains("data_offsets") || !value["data_offsets"].is_array() ||
        value["data_offsets"].size() != 2)
      throw bad("data_offsets must be [begin, end]");

    TensorEntry entry;
    entry.name = name;
    const std::string dtype = value["dtype"].get<std::string>();
    const DTypeInfo* dtype_info = nullptr;
    for (const auto& info : kDTypes)
      if (dtype == info.name) dtype_info = &info;
    if (dtype_info == nullptr)
      throw bad("unsupported dtype '" + dtype + "' (supported: F32, F16, BF16, I64)");
    entry.dtype = dtype_info->dtype;

    uint64_t element_count = 1;
    for (const auto& dimension : value["shape"]) {
      if (!dimension.is_number_unsigned()) throw bad("shape holds a non-integer or negative size");
      const uint64_t size = dimension.get<uint64_t>();
      auto product = checked_multiply(element_count, size);
      if (!product || size > uint64_t(INT64_MAX)) throw bad("shape is absurdly large");
      element_count = *product;
      entry.shape.push_back(static_cast<int64_t>(size));
    }
    for (const auto& offset : value["data_offsets"])
      if (!offset.is_number_unsigned()) throw bad("data_offsets must be non-negative integers");
    entry.begin = value["data_offsets"][0].get<uint64_t>();
    entry.end = value["data_offsets"][1].get<uint64_t>();
    if (entry.begin > entry.end) throw bad("data_offsets begin after they end");
    if (entry.end > data_size)
      throw bad("data ends at byte " + std::to_string(entry.end) + " but the data section has " +
                std::to_string(data_size) + " bytes (truncated file?)");
    auto byte_count = checked_multiply(element_count, dtype_info->bytes);
    if (!byte_count || *byte_count != entry.end - entry.begin)
      throw bad("shape x dtype size is not the " + std::to_string(entry.end - entry.begin) +
                "-byte range of data_offsets");
    index_[name] = entries_.size();
    entries_.push_back(std::move(entry));
  }

  std::vector<const TensorEntry*> by_offset;
  for (const auto& entry : entries_) by_offset.push_back(&entry);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const TensorEntry* a, const TensorEntry* b) { return a->begin < b->begin; });
  for (size_t i = 1; i < by_offset.size(); ++i)
    if (by_offset[i]->begin < by_offset[i - 1]->end)
      throw file_error(file, "tensor '" + by_offset[i]->name + "' overlaps tensor '" +
                                 by_offset[i - 1]->name + "'");
}

const TensorEntry& SafetensorsFile::entry(const std::string& name) const {
  auto found = index_.find(name);
  if (found == index_.end()) throw file_error(path_.string(), "no tensor named '" + name + "'");
  return entries_[found->second];
}

torch::Tensor SafetensorsFile::tensor(const std::string& name) const {
  const TensorEntry& e = entry(name);
  torch::Tensor result =
      torch::empty(e.shape, torch::TensorOptions().dtype(info_of(e.dtype).scalar_type));
  // Copy rather than alias: the mapping may be unaligned for the element type.
  std::memcpy(result.data_ptr(), mapping_ + data_start_ + e.begin, e.end - e.begin);
  return result;
}

torch::Tensor SafetensorsFile::tensor_f32(const std::string& name) const {
  const TensorEntry& e = entry(name);
  if (e.dtype == DType::I64)
    throw file_error(path_.string(), "tensor '" + name + "' holds integers (I64), not floats");
  return tensor(name).to(torch::kFloat32);
}

void save_safetensors(const std::filesystem::path& path, const NamedTensors& tensors,
                      const std::map<std::string, std::string>& metadata) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<torch::Tensor> contiguous;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    const DTypeInfo* info = info_of_scalar(tensor.scalar_type());
    if (info == nullptr)
      throw file_error(path.string(),
                       "tensor '" + name + "' has dtype " +
                           std::string(c10::toString(tensor.scalar_type())) +
                           "; only float32, float16, bfloat16 and int64 can be saved");
    contiguous.push_back(tensor.detach().to(torch::kCPU).contiguous());
    const uint64_t bytes = contiguous.back().numel() * info->bytes;
    header[name] = {{"dtype", info->name},
                    {"shape", tensor.sizes().vec()},
                    {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string header_text = header.dump();
  header_text.append((8 - header_text.size() % 8) % 8, ' ');  // data starts 8-byte aligned

  char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((header_text.size() >> (8 * i)) & 0xff);
  AtomicFileWriter writer(path);
  writer.write(length, sizeof length);
  writer.write(header_text);
  for (const auto& tensor : contiguous) writer.write(tensor.data_ptr(), tensor.nbytes());
  writer.commit();
}

}  // namespace mnemo::io
