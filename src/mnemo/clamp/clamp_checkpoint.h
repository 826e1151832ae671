// CLaMP model directories: config.json (+ text_config.json) and the weights, either
// model.safetensors or the official pytorch_model.bin (read by io/torch_checkpoint.h), with
// the official key layout (clamp_model.h). mnemo's own directories also hold the text
// tokenizer (vocab.json + merges.txt).
#pragma once
#include <filesystem>

#include "mnemo/clamp/clamp_model.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::clamp {

struct LoadedClamp {
  ClampModel model{nullptr};
  std::filesystem::path weights;  // the file read
  nn::LoadReport report;          // unexpected keys (missing ones are an error)
};

// An error names the file: a weight of the wrong shape, or a checkpoint whose keys are not
// CLaMP's (listing the first missing ones). Without logit_scale (the official checkpoints)
// the official fixed scale is used.
LoadedClamp load_clamp(const std::filesystem::path& dir);

// Copies the weights of `dir` into `model` of the same geometry; any difference is an error.
void load_clamp_weights(const std::filesystem::path& dir, ClampModelImpl& model);

// Writes config.json, text_config.json and model.safetensors into the directory being built.
void save_clamp(const io::AtomicDirectory& dir, const ClampModelImpl& model);

}  // namespace mnemo::clamp
