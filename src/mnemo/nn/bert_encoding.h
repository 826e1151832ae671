// `mnemo encode`: the last hidden states of a BERT model directory for one input.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"

namespace mnemo::nn {

struct EncodeSettings {
  std::string model;  // Hugging Face BERT directory (or a `bert pretrain` run)
  std::vector<int64_t> ids;
  std::string text;  // instead of ids: tokenized with the model's tokenizer, [CLS] ... [SEP]
  std::vector<int64_t> token_type_ids;  // empty: all 0
};

struct Encoding {
  std::vector<int64_t> input_ids;
  std::vector<std::vector<float>> last_hidden_state;  // (T, d)

  // {"input_ids": [...], "last_hidden_state": [[...], ...]}
  nlohmann::json to_json() const;
};

// Notes weights of the directory that did not fit the model.
Encoding encode_with_bert(const EncodeSettings& settings, const Progress& progress = {});

}  // namespace mnemo::nn
