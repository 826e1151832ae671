// GPT-NeoX (Pythia) model directories in Hugging Face layout: config.json and
// model.safetensors or pytorch_model.bin (the form of Pythia's step checkpoints).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/gpt_neox.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::nn {

// Drops the buffers some checkpoints carry (attention.bias / masked_bias causal masks,
// rotary_emb.inv_freq): the model computes them.
std::optional<std::string> gpt_neox_checkpoint_key(const std::string& key);

struct LoadedGptNeox {
  GptNeoxForCausalLM model{nullptr};
  LoadReport report;
};

// Errors name the file: a config of another model type, a weight of the wrong shape, a
// weights file that lacks GPT-NeoX's weights.
LoadedGptNeox load_gpt_neox(const std::filesystem::path& dir);

void save_gpt_neox(const io::AtomicDirectory& dir, GptNeoxForCausalLMImpl& model);

}  // namespace mnemo::nn
