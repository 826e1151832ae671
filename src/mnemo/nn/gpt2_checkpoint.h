// GPT-2 model directories in Hugging Face layout: config.json + model.safetensors.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/gpt2.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::nn {

// Hugging Face spellings to mnemo's names: keys of a bare GPT2Model (`h.0.attn...`) gain the
// `transformer.` prefix; the causal-mask buffers (`attn.bias`, `attn.masked_bias`) and the
// tied `lm_head.weight` are dropped.
std::optional<std::string> gpt2_checkpoint_key(const std::string& key);

struct LoadedGpt2 {
  Gpt2LMHeadModel model{nullptr};
  LoadReport report;
};

// Reads `dir/config.json` and `dir/model.safetensors`; errors name the file.
LoadedGpt2 load_gpt2(const std::filesystem::path& dir);
// load_gpt2 for a model that must have every weight: a missing one is an error naming the
// directory (a model to fine-tune or sample, where random weights would go unnoticed).
Gpt2LMHeadModel load_complete_gpt2(const std::filesystem::path& dir);

// Writes config.json and model.safetensors into the directory being built.
void save_gpt2(const io::AtomicDirectory& dir, Gpt2LMHeadModelImpl& model);

}  // namespace mnemo::nn
