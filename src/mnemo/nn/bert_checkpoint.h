// BERT model directories in Hugging Face layout: config.json + model.safetensors.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::nn {

// Hugging Face spellings to mnemo's names: drops a leading `bert.`, renames the old
// `LayerNorm.gamma/beta` to `weight/bias`; skips `position_ids` buffers. Pre-training heads
// (`cls.*`) keep their name and so are reported as unexpected, as Hugging Face does.
std::optional<std::string> bert_checkpoint_key(const std::string& key);

struct LoadedBert {
  BertModel model{nullptr};
  LoadReport report;
};

// Reads `dir/config.json` and `dir/model.safetensors`; errors name the file. A training run
// directory (`bert pretrain`'s) stands for its final model, dir/model
// (io::resolve_model_directory).
LoadedBert load_bert(const std::filesystem::path& dir);

// Writes config.json and model.safetensors into the directory being built.
void save_bert(const io::AtomicDirectory& dir, BertModelImpl& model);

}  // namespace mnemo::nn
