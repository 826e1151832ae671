#include "mnemo/io/checkpoint_conversion.h"

#include <torch/torch.h>

#include "mnemo/io/safetensors.h"
#include "mnemo/io/torch_checkpoint.h"

namespace mnemo::io {

ConvertResult convert_torch_checkpoint(const ConvertSettings& settings) {
  NamedTensors tensors = read_torch_checkpoint(settings.in);
  ConvertResult result;
  for (auto& [name, tensor] : tensors) {
    if (tensor.is_floating_point() && tensor.scalar_type() == torch::kDouble)
      tensor = tensor.to(torch::kFloat);
    else if (!tensor.is_floating_point())
      tensor = tensor.to(torch::kLong);
    result.values += tensor.numel();
  }
  save_safetensors(settings.out, tensors, {{"format", "pt"}});
  result.tensors = static_cast<int64_t>(tensors.size());
  return result;
}

}  // namespace mnemo::io
