// `bert init` and `gpt2 init`: a randomly initialised model directory of a named geometry,
// with the tokenizer it reads (its vocabulary sets the model's), written atomically.
#pragma once
#include <cstdint>
#include <string>

namespace mnemo::nn {

struct ModelInitSettings {
  std::string geometry;   // bert_geometry's or gpt2_geometry's names
  std::string tokenizer;  // directory of the tokenizer to use, copied into `out`
  std::string out;        // model directory to write (replaced atomically)
  uint64_t seed = 0;      // of the initialisation
};

struct InitializedModel {
  std::string architecture;  // "BERT" or "GPT-2"
  int64_t layers = 0, width = 0, vocab_size = 0;
};

InitializedModel init_bert(const ModelInitSettings& settings);
// End of text (and beginning) is the tokenizer's end-of-text id.
InitializedModel init_gpt2(const ModelInitSettings& settings);

}  // namespace mnemo::nn
