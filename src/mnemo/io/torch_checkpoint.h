// PyTorch's torch.save format (PyTorch >= 1.6: a zip archive of data.pkl plus one record per
// tensor storage), as Hugging Face's pytorch_model.bin, read without running Python or
// trusting the pickle: the only globals allowed are collections.OrderedDict, the typed
// storage classes and torch._utils' tensor rebuilders (io/pickle_machine.h). libtorch's own
// reader cannot load a state dict (an OrderedDict; pytorch#100741), hence this one.
#pragma once
#include <filesystem>

#include "mnemo/io/safetensors.h"

namespace mnemo::io {

// The state dict in `path` (a dict of name -> tensor), in the order it was saved, each
// tensor a contiguous copy. Errors name the file: not a zip archive, the legacy pre-1.6
// format, a refused global or opcode, a storage record that is missing or too short, a
// value that is not a tensor.
NamedTensors read_torch_checkpoint(const std::filesystem::path& path);

}  // namespace mnemo::io
