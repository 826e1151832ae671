#include "mnemo/nn/state_dict.h"

#include <torch/torch.h>

#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::nn {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::string LoadReport::summary() const {
  std::string text;
  if (!unexpected.empty())
    text += "Some weights of the checkpoint were not used: " + join(unexpected) + "\n";
  if (!missing.empty())
    text += "Some weights of the model were not in the checkpoint and are newly initialized: " +
            join(missing) + "\n";
  return text;
}

void LoadReport::note(const Progress& progress) const {
  std::istringstream lines(summary());
  for (std::string line; std::getline(lines, line);) progress.note(line);
}

namespace {

// One tensor of a checkpoint: its name and shape, read only once it is known to be wanted.
struct StoredTensor {
  std::string name;
  std::vector<int64_t> shape;
  std::function<torch::Tensor()> read;
};

LoadReport load_stored_tensors(torch::nn::Module& module, const std::string& source,
                               const std::vector<StoredTensor>& stored, const KeyMapper& map_key) {
  std::map<std::string, torch::Tensor> targets;
  for (const auto& item : module.named_parameters()) targets[item.key()] = item.value();
  for (const auto& item : module.named_buffers()) targets[item.key()] = item.value();

  LoadReport report;
  std::set<std::string> loaded;
  torch::NoGradGuard no_grad;
  for (const auto& entry : stored) {
    const std::optional<std::string> name = map_key(entry.name);
    if (!name) continue;
    auto target = targets.find(*name);
    if (target == targets.end()) {
      report.unexpected.push_back(entry.name);
      continue;
    }
    if (target->second.sizes().vec() != entry.shape)
      throw file_error(source, "tensor '" + entry.name + "' has shape " + shape_text(entry.shape) +
                                   " but the model built from config.json expects " +
                                   shape_text(target->second.sizes()));
    if (!loaded.insert(*name).second)
      throw file_error(source, "two tensors map to '" + *name + "' (last: '" + entry.name + "')");
    const torch::Tensor value = entry.read();
    if (target->second.is_floating_point() != value.is_floating_point())
      throw file_error(source,
                       "tensor '" + entry.name + "' is " +
                           std::string(value.is_floating_point() ? "floating-point" : "integer") +
                           " where the model expects the other");
    target->second.copy_(value);
  }
  for (const auto& item : targets)
    if (!loaded.count(item.first)) report.missing.push_back(item.first);
  return report;
}

}  // namespace

LoadReport load_state_dict(torch::nn::Module& module, const io::SafetensorsFile& file,
                           const KeyMapper& map_key) {
  std::vector<StoredTensor> stored;
  for (const auto& entry : file.entries())
    stored.push_back({entry.name, entry.shape, [&file, &entry] {
                        return entry.dtype == io::DType::I64 ? file.tensor(entry.name)
                                                             : file.tensor_f32(entry.name);
                      }});
  return load_stored_tensors(module, file.path().string(), stored, map_key);
}

LoadReport load_state_dict(torch::nn::Module& module, const io::NamedTensors& tensors,
                           const std::string& source, const KeyMapper& map_key) {
  std::vector<StoredTensor> stored;
  for (const auto& [name, tensor] : tensors)
    stored.push_back({name, tensor.sizes().vec(), [&tensor] { return tensor; }});
  return load_stored_tensors(module, source, stored, map_key);
}

io::NamedTensors state_dict(const torch::nn::Module& module) {
  io::NamedTensors tensors;
  for (const auto& item : module.named_parameters()) tensors.emplace_back(item.key(), item.value());
  for (const auto& item : module.named_buffers()) tensors.emplace_back(item.key(), item.value());
  return tensors;
}

}  // namespace mnemo::nn
