// Decoder RMTs kept as model directories:
//   config.json, model.safetensors  the GPT-2 in Hugging Face layout (any GPT-2 reader loads it)
//   memory.safetensors              the learned memory rows: "memory" (M, n_embd)
//   rmt.json                        {"architecture": "decoder", memory_size, segment_size, task}
//   tokenizer files                 vocab.json + merges.txt, or tokenizer.model
#pragma once
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "mnemo/io/atomic_file.h"
#include "mnemo/rmt/memory_decoder.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::rmt {

struct DecoderRmtModel {
  MemoryDecoder model{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  nlohmann::json task = nlohmann::json::object();  // what it was trained on, for the record
};

// Writes every file of the model directory into the directory being built.
void save_decoder_rmt(const io::AtomicDirectory& dir, const DecoderRmtModel& rmt);

// Loads a model directory; an encoder RMT, a missing file or tensor is an error naming it.
DecoderRmtModel load_decoder_rmt(const std::filesystem::path& dir);

// Copies the weights of a saved model directory into `rmt.model` (same geometry).
void load_decoder_rmt_weights(const std::filesystem::path& dir, const DecoderRmtModel& rmt);

}  // namespace mnemo::rmt
