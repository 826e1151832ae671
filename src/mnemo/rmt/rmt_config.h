// The settings of an encoder RMT that are not BERT's own, kept in a model directory's rmt.json.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnemo::rmt {

struct RmtConfig {
  int64_t memory_size = 10;
  int64_t segment_size = 512;   // whole BERT input: [CLS] mem [SEP] tokens [SEP]
  int64_t memory_token_id = 0;  // first of the memory rows appended to the word embeddings
  int64_t cls_id = 0, sep_id = 0, pad_id = 0;
  std::vector<std::string> labels;
  nlohmann::json task = nlohmann::json::object();  // the task it was trained on (TaskSpec)

  // Input tokens per segment: segment size minus memory and [CLS], [SEP], [SEP].
  int64_t usable() const { return segment_size - memory_size - 3; }

  nlohmann::json to_json() const;
  // Errors name `source` and the field.
  static RmtConfig from_json(const nlohmann::json& json, const std::string& source);
  // Sizes that cannot work (no usable tokens, no labels) are an error naming `source`.
  void validate(const std::string& source) const;
};

// A model directory, or a training run directory standing for its final model (model/).
std::filesystem::path model_directory(const std::string& name);

}  // namespace mnemo::rmt
