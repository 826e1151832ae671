// A CLaMP model's two geometries. The official directories hold only config.json (the music
// encoder's BertConfig, with max_length, the patch budget); their text encoder is
// distilroberta-base. mnemo's own models add text_config.json (a RobertaConfig).
#pragma once
#include <filesystem>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert_config.h"

namespace mnemo::clamp {

struct ClampConfig {
  nn::BertConfig music;       // the M3 encoder; vocab_size sizes word embeddings it never reads
  nn::BertConfig text;        // model_type "roberta"
  int64_t max_patches = 512;  // config.json's max_length
  int64_t max_text_tokens = 128;

  static constexpr const char* kMusicConfigFile = "config.json";
  static constexpr const char* kTextConfigFile = "text_config.json";

  // Reads dir/config.json and, when present, dir/text_config.json (else distilroberta-base).
  static ClampConfig load(const std::filesystem::path& dir);
  // Writes both files into the directory being built.
  void save(const io::AtomicDirectory& dir) const;
};

// distilroberta-base: 6 layers, d=768, 12 heads, ff 3072, 514 positions, one token type,
// pad id 1, LayerNorm eps 1e-5, vocabulary 50265.
nn::BertConfig distilroberta_base_config();

// Named geometries for models trained here: "tiny" (2 + 2 layers, d=64) and "small"
// (4 + 4 layers, d=256); `text_vocab_size` from the tokenizer, `max_patches` the budget.
ClampConfig clamp_geometry(const std::string& name, int64_t text_vocab_size, int64_t max_patches);

}  // namespace mnemo::clamp
