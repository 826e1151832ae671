// CLaMP model directories: config.json (+ text_config.json) and the weights, either
// model.safetensors or the official pytorch_model.bin (read by io/torch_checkpoint.h), with
// the official key layout (clamp_model.h). mnemo's own directories also hold the text
// tokenizer (vocab.json + merges.txt).
#pragma once
#include <filesystem>
#include <memory>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/clamp_model.h"
#include "mnemo/core/progress.h"
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

// A model ready for embedding, search, classification and evaluation: the model (eval mode)
// with its text tokenizer where there is one (the official checkpoints ship none).
struct ClampForUse {
  ClampModel model{nullptr};
  std::filesystem::path model_dir;
  std::filesystem::path tokenizer_dir;  // empty when there is none
  std::shared_ptr<const ClampTokenizer> tokenizer_or_null;

  // The tokenizer; an error saying what to pass when there is none.
  const ClampTokenizer& tokenizer() const;
  PatchOptions patching() const { return {model->config().max_patches, true}; }
};

// The model in `model_dir` with the tokenizer of `tokenizer_dir` (empty: the model's
// directory, if it holds vocab.json). A tokenizer larger than the text encoder's vocabulary
// is an error; weights the model does not use are noted on `progress`.
ClampForUse load_clamp_for_use(const std::filesystem::path& model_dir,
                               const std::filesystem::path& tokenizer_dir,
                               const Progress& progress = {});

// Writes config.json, text_config.json and model.safetensors into the directory being built.
void save_clamp(const io::AtomicDirectory& dir, const ClampModelImpl& model);

}  // namespace mnemo::clamp
