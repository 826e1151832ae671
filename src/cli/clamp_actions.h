// The `mnemo clamp` commands as functions, so that `clamp demo` can run them in a row.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/clamp_options.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::cli {

struct ClampTrainOptions {
  std::string data;
  int64_t synthetic = 0;
  std::string config = "tiny";
  std::string tokenizer;
  int64_t vocab_size = 2048;
  int64_t max_patches = 256;
  bool no_text_dropout = false;
  std::string init_m3;           // an M3 directory for the music encoder
  std::string curriculum = "1";  // fixed: one stage
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};
void run_clamp_train(ClampTrainOptions options);

struct ClampSearchOptions {
  ClampModelOptions model;
  std::string query_text;
  std::string query_music;
  std::string keys;
  std::string key_modal = "music";
  std::string cache;  // default: clamp::default_key_cache
  int64_t top_n = 10;
  bool json = false;
};
// Prints the ranked results and returns them ([{rank, name, similarity, probability}]).
nlohmann::json run_clamp_search(const ClampSearchOptions& options);

struct ClampClassifyOptions {
  ClampModelOptions model;
  std::vector<std::string> music;
  std::string labels;
  std::string text_template = "This is a {label} song.";
  bool json = false;
};
void run_clamp_classify(const ClampClassifyOptions& options);

struct ClampEvalOptions {
  ClampModelOptions model;
  std::string data;
  std::string split = "test";
  std::string text_template = "This is a {label} song.";
  bool json = false;
};
void run_clamp_eval(const ClampEvalOptions& options);

}  // namespace mnemo::cli
