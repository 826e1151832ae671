// `mnemo tokenize` and `mnemo tokenizer train`: a text under a model directory's tokenizer,
// and a SentencePiece tokenizer trained on text files into a model directory.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/text/sentencepiece_tokenizer.h"

namespace mnemo::text {

struct Tokenization {
  std::vector<std::string> pieces;
  std::vector<int64_t> ids;

  // {"pieces": [...], "ids": [...]}
  nlohmann::json to_json() const;
};

// `text` under the tokenizer of the directory `model` (load_tokenizer's).
Tokenization tokenize_text(const std::filesystem::path& model, const std::string& text);

struct TokenizerTrainSettings {
  std::vector<std::string> inputs;    // plain-text files, one sentence or paragraph a line
  std::string out;                    // model directory to write tokenizer.model into
  SentencePieceTrainOptions options;  // vocabulary, model type ...; its inputs are `inputs`
};

struct TrainedTokenizer {
  std::filesystem::path model_file;  // out/tokenizer.model
  int64_t pieces = 0;
  double seconds = 0;  // training time
};

TrainedTokenizer train_tokenizer(const TokenizerTrainSettings& settings);

}  // namespace mnemo::text
