// The study's own training data: tokenized text cut into fixed-length sequences, written as a
// Megatron indexed dataset (as Pythia's Pile) with a description beside it (PREFIX.json) that
// `memorization train` reads: the tokenizer, vocabulary, end-of-text id, held-out count and
// how many copies of each sequence the file holds.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mnemo/io/json_file.h"

namespace mnemo::memorization {

struct MakeDataSettings {
  std::vector<std::string> texts;  // plain-text files, in order
  std::string tokenizer;           // tokenizer directory
  std::string out;                 // PREFIX of PREFIX.idx, .bin, .json
  int64_t sequence_length = 64;
  int64_t max_sequences = 0;          // distinct sequences to cut; 0 = all the text
  std::vector<int64_t> copies = {1};  // copies of each distinct training sequence, cycling
  uint64_t held_out = 0;              // the last distinct sequences, once each at the end
  uint64_t seed = 0;                  // of the copies' places
  // Every sequence starts with end-of-text and a line's start (text with one sentence or
  // document a line), as prompts begin; else the text runs on across sequences.
  bool line_aligned = false;
};

struct MadeData {
  uint64_t sequences = 0;  // in PREFIX.idx/.bin, copies included
  // With copies above 1, the distinct sequences once each (the held-out last), for scoring.
  std::optional<std::string> distinct_prefix;
  uint64_t distinct_sequences = 0;
};

MadeData make_data(const MakeDataSettings& settings);

// What make_data recorded beside the dataset; absent for data made elsewhere.
struct DataDescription {
  std::string path;
  nlohmann::json json;

  template <typename T>
  T field(const std::string& key, const T& fallback) const {
    return io::json_field<T>(json, key, fallback, path);
  }
};

// PREFIX.json for a PREFIX given with or without .idx / .bin.
std::filesystem::path data_description_path(const std::filesystem::path& prefix);
std::optional<DataDescription> read_data_description(const std::string& prefix);

}  // namespace mnemo::memorization
