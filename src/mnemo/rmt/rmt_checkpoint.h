// Building encoder RMTs and keeping them as model directories:
//   config.json        the backbone's BertConfig (vocabulary includes the memory rows)
//   model.safetensors  BertForSequenceClassification names: bert.*, classifier.*
//   rmt.json           memory size, segment size, memory/special token ids, labels, task
//   tokenizer files    vocab.txt or tokenizer.model
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "mnemo/io/atomic_file.h"
#include "mnemo/rmt/memory_encoder.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::rmt {

struct RmtModel {
  MemoryEncoder model{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
};

// The backbone's vocabulary grows by `memory_size` rows, the memory tokens; the
// tokenizer's [CLS], [SEP] and [PAD] become the layout's special tokens.
RmtModel new_rmt(nn::BertModel backbone, std::shared_ptr<const text::Tokenizer> tokenizer,
                 int64_t memory_size, int64_t segment_size, std::vector<std::string> labels,
                 nlohmann::json task);

// Writes every file of the model directory into the directory being built.
void save_rmt(const io::AtomicDirectory& dir, const RmtModel& rmt);

// Loads a model directory; a missing or unexpected tensor is an error naming the file.
RmtModel load_rmt(const std::filesystem::path& dir);

// Copies the weights of a saved model directory into `rmt.model` (same geometry).
void load_rmt_weights(const std::filesystem::path& dir, const RmtModel& rmt);

}  // namespace mnemo::rmt
