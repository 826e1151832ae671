#include "mnemo/io/torch_checkpoint.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <fstream>
#include <map>
#include <set>

#include "mnemo/core/error.h"
#include "mnemo/io/pickle_machine.h"

namespace mnemo::io {
namespace {

using Kind = PickleValue::Kind;

const std::map<std::string, torch::Dtype>& storage_types() {
  static const std::map<std::string, torch::Dtype> types = {
      {"torch.FloatStorage", torch::kFloat32}, {"torch.DoubleStorage", torch::kFloat64},
      {"torch.HalfStorage", torch::kFloat16},  {"torch.BFloat16Storage", torch::kBFloat16},
      {"torch.LongStorage", torch::kInt64},    {"torch.IntStorage", torch::kInt32},
      {"torch.ShortStorage", torch::kInt16},   {"torch.CharStorage", torch::kInt8},
      {"torch.ByteStorage", torch::kUInt8},    {"torch.BoolStorage", torch::kBool}};
  return types;
}

const std::set<std::string> kCallables = {"collections.OrderedDict",
                                          "torch._utils._rebuild_tensor_v2",
                                          "torch._utils._rebuild_parameter"};

int64_t integer(const PickleValue& value, const char* what) {
  if (value.kind != Kind::Int && value.kind != Kind::Bool)
    throw Error(std::string(what) + " must be an int, found " + value.describe());
  return value.integer;
}

std::vector<int64_t> integers(const PickleValue& tuple, const char* what) {
  if (tuple.kind != Kind::Tuple)
    throw Error(std::string(what) + " must be a tuple, found " + tuple.describe());
  std::vector<int64_t> values;
  for (const auto& item : tuple.items) values.push_back(integer(*item, what));
  return values;
}

PickleRef tensor_value(torch::Tensor tensor) {
  auto value = PickleValue::make(Kind::Tensor);
  value->tensor = std::move(tensor);
  return value;
}

// _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks
// [, metadata]): a view of a storage, checked to lie inside it, copied out.
PickleRef rebuild_tensor(const std::vector<PickleRef>& arguments) {
  if (arguments.size() < 4 || arguments[0]->kind != Kind::Tensor)
    throw Error("_rebuild_tensor_v2 needs (storage, offset, size, stride, ...)");
  const torch::Tensor& storage = arguments[0]->tensor;
  const int64_t offset = integer(*arguments[1], "a storage offset");
  const auto size = integers(*arguments[2], "a tensor size");
  const auto stride = integers(*arguments[3], "a tensor stride");
  if (size.size() != stride.size()) throw Error("a tensor's size and stride differ in length");
  // The last element the view reads must lie inside the storage (overflow counts as outside).
  bool empty = false, outside = offset < 0;
  int64_t last = offset;
  for (size_t i = 0; i < size.size(); ++i) {
    if (size[i] < 0 || stride[i] < 0) throw Error("a negative tensor size or stride");
    empty = empty || size[i] == 0;
    int64_t reach = 0;
    outside = outside ||
              __builtin_mul_overflow(std::max<int64_t>(size[i] - 1, 0), stride[i], &reach) ||
              __builtin_add_overflow(last, reach, &last);
  }
  if (outside || (!empty && last >= storage.numel()))
    throw Error("a tensor reaches past the end of its storage (" + std::to_string(storage.numel()) +
                " elements)");
  return tensor_value(storage.as_strided(size, stride, offset).clone(at::MemoryFormat::Contiguous));
}

class Archive {
 public:
  explicit Archive(const std::filesystem::path& path) : path_(path.string()) {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw file_error(path_, "cannot open the file");
    char magic[2] = {0, 0};
    probe.read(magic, 2);
    if (magic[0] == '\x80' && magic[1] == '\x02')
      throw file_error(path_,
                       "is in the legacy torch.save format (before PyTorch 1.6), which is not "
                       "read; save it again with a recent PyTorch or convert it to safetensors");
    try {
      reader_ = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path_);
    } catch (const c10::Error& e) {
      throw file_error(path_, "is not a PyTorch zip checkpoint (" +
                                  std::string(e.what_without_backtrace()) + ")");
    }
  }

  std::string record(const std::string& name) {
    try {
      if (!reader_->hasRecord(name)) throw file_error(path_, "has no record '" + name + "'");
      auto [data, size] = reader_->getRecord(name);
      return std::string(static_cast<const char*>(data.get()), size);
    } catch (const c10::Error& e) {
      throw file_error(
          path_, "cannot read record '" + name + "': " + std::string(e.what_without_backtrace()));
    }
  }
  bool has_record(const std::string& name) { return reader_->hasRecord(name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader_;
};

// persistent id ('storage', storage_type, key, location, numel): the storage's elements from
// the record data/<key>, read once however many tensors view it.
class StorageLoader {
 public:
  explicit StorageLoader(Archive& archive) : archive_(archive) {}

  PickleRef operator()(const PickleValue& id) {
    if (id.kind != Kind::Tuple || id.items.size() < 5 || id.items[0]->kind != Kind::String ||
        id.items[0]->text != "storage" || id.items[1]->kind != Kind::Global ||
        id.items[2]->kind != Kind::String)
      throw Error("a persistent id that is not ('storage', type, key, location, numel)");
    const auto type = storage_types().find(id.items[1]->text);
    if (type == storage_types().end()) throw Error("unknown storage type " + id.items[1]->text);
    const std::string& key = id.items[2]->text;
    const int64_t numel = integer(*id.items[4], "a storage size");
    auto cached = storages_.find(key);
    if (cached == storages_.end()) {
      const std::string bytes = archive_.record("data/" + key);
      const auto element = static_cast<int64_t>(c10::elementSize(type->second));
      if (numel < 0 || static_cast<int64_t>(bytes.size()) < numel * element)
        throw Error("storage '" + key + "' holds " + std::to_string(bytes.size()) +
                    " bytes, fewer than its " + std::to_string(numel) + " elements need");
      auto storage = torch::empty({numel}, type->second);
      std::memcpy(storage.data_ptr(), bytes.data(), static_cast<size_t>(numel * element));
      cached = storages_.emplace(key, storage).first;
    }
    return tensor_value(cached->second);
  }

 private:
  Archive& archive_;
  std::map<std::string, torch::Tensor> storages_;
};

std::string find_pickle(Archive& archive) {
  if (archive.has_record("byteorder") && archive.record("byteorder") != "little")
    throw file_error(archive.path(), "was saved on a big-endian machine, which is not read");
  return archive.record("data.pkl");
}

}  // namespace

NamedTensors read_torch_checkpoint(const std::filesystem::path& path) {
  Archive archive(path);
  StorageLoader load_storage(archive);
  PickleHooks hooks;
  hooks.allow_global = [](const std::string& name) {
    return kCallables.count(name) > 0 || storage_types().count(name) > 0;
  };
  hooks.persistent_load = [&](const PickleValue& id) { return load_storage(id); };
  hooks.call = [](const PickleValue& callable, const PickleValue& arguments) -> PickleRef {
    if (callable.text == "collections.OrderedDict") {
      if (!arguments.items.empty()) throw Error("OrderedDict called with arguments");
      return PickleValue::make(Kind::Dict);
    }
    if (callable.text == "torch._utils._rebuild_tensor_v2") return rebuild_tensor(arguments.items);
    if (callable.text == "torch._utils._rebuild_parameter" && !arguments.items.empty() &&
        arguments.items[0]->kind == Kind::Tensor)
      return arguments.items[0];
    throw Error("refuses to call " + callable.text);
  };
  hooks.build = [](PickleValue& object, const PickleValue& state) {
    // A state dict's only state is its `_metadata` (module versions), which is not needed.
    if (object.kind != Kind::Dict || state.kind != Kind::Dict)
      throw Error("refuses to set the state of a " + object.describe());
  };
  const std::string pickle = find_pickle(archive);
  const PickleRef root = unpickle(pickle, hooks, archive.path() + " (data.pkl)");

  if (root->kind != Kind::Dict)
    throw file_error(archive.path(), "holds a " + root->describe() +
                                         ", not a state dict (a dict of name -> tensor)");
  NamedTensors tensors;
  std::set<std::string> names;
  for (const auto& [key, value] : root->entries) {
    if (key->kind != Kind::String)
      throw file_error(archive.path(), "has a state-dict key that is a " + key->describe());
    if (value->kind != Kind::Tensor)
      throw file_error(archive.path(), "'" + key->text + "' is a " + value->describe() +
                                           ", not a tensor (is this a training checkpoint "
                                           "rather than a state dict?)");
    if (!names.insert(key->text).second)
      throw file_error(archive.path(), "has the key '" + key->text + "' twice");
    tensors.emplace_back(key->text, value->tensor);
  }
  return tensors;
}

}  // namespace mnemo::io
