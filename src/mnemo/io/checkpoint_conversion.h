// `mnemo convert`: a PyTorch pytorch_model.bin (torch.save of a state dict) as safetensors,
// read without running its pickle (io/torch_checkpoint.h).
#pragma once
#include <cstdint>
#include <string>

namespace mnemo::io {

struct ConvertSettings {
  std::string in;   // torch.save file (zip format, PyTorch >= 1.6)
  std::string out;  // safetensors file to write
};

struct ConvertResult {
  int64_t tensors = 0;
  int64_t values = 0;  // numbers in all of them
};

// float64 is stored as float32 and every integer or bool type as int64: the dtypes of
// safetensors as mnemo writes it (float32, float16, bfloat16, int64).
ConvertResult convert_torch_checkpoint(const ConvertSettings& settings);

}  // namespace mnemo::io
