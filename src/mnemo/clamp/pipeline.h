// What `mnemo clamp` does with a trained model: embed a text, token ids or a piece; search
// keys of either modality with a query (their embeddings cached); classify pieces into text
// labels zero-shot; evaluate retrieval and zero-shot genre on WikiMT-format data. Each takes
// settings and returns plain results, so the CLI, the demo and tests call the same thing.
// Torch-free: the model and its tensors stay in pipeline.cpp (see clamp_checkpoint.h's
// ClampForUse for the loaded model itself).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mnemo/clamp/retrieval_metrics.h"
#include "mnemo/core/progress.h"

namespace mnemo::clamp {

// The model a pipeline uses.
struct ModelChoice {
  std::string model;      // CLaMP directory, mnemo's or the official layout
  std::string tokenizer;  // vocab.json + merges.txt; empty: the model's own, if it has one
};

struct EmbedSettings {
  ModelChoice model;
  // Exactly one of the three:
  std::string text;      // transliterated to ASCII, cut to 128 tokens
  std::string text_ids;  // token ids as they are, "0,713,2" (<s> ... </s> included)
  std::string music;     // an ABC or MIDI file
};

struct Embedding {
  std::vector<double> values;      // the projection, (d)
  nlohmann::json to_json() const;  // {"embedding": [...]}
};

Embedding embed(const EmbedSettings& settings, const Progress& progress = {});

// "0,713,2" -> {0, 713, 2}; errors name --text-ids.
std::vector<int64_t> parse_token_ids(const std::string& text);

struct SearchSettings {
  ModelChoice model;
  std::string query_text;   // the query: a text ...
  std::string query_music;  // ... or an ABC or MIDI file
  std::string keys;         // a folder of music files, a WikiMT-format .json or a .txt of texts
  std::string key_modal = "music";  // or "text"
  std::string cache;                // key embeddings; empty: default_key_cache
  int64_t top_n = 10;               // results kept; 0 = all
};

struct SearchHit {
  int64_t rank = 0;  // 1-based
  std::string name;  // the key's file or text
  double similarity = 0;
  // The official search's: softmax over all keys of e x similarity.
  double probability = 0;
};

struct SearchResult {
  std::vector<SearchHit> hits;     // best first
  nlohmann::json to_json() const;  // {"results": [{rank, name, similarity, probability}]}
};

// Notes on `progress` whether the key embeddings came from the cache.
SearchResult search(const SearchSettings& settings, const Progress& progress = {});

struct ClassifySettings {
  ModelChoice model;
  std::vector<std::string> music;  // ABC or MIDI files
  std::string labels;              // comma-separated, e.g. "Jazz, Pop"
  std::string text_template = "This is a {label} song.";
};

struct PieceLabels {
  std::string file;
  std::string label;                  // the most probable
  std::vector<double> probabilities;  // one per label, in the labels' order
};

struct Classification {
  std::string text_template;
  std::vector<std::string> labels;  // as split_labels gives them
  std::vector<PieceLabels> pieces;
  // {"template", "results": [{file, label, probabilities: {label: p}}]}
  nlohmann::json to_json() const;
};

Classification classify(const ClassifySettings& settings, const Progress& progress = {});

// "Jazz, Pop" -> {"Jazz", "Pop"}: split at commas, spaces trimmed, empty ones dropped; none
// at all is an error naming --labels.
std::vector<std::string> split_labels(const std::string& text);

struct EvalSettings {
  ModelChoice model;
  std::string data;            // WikiMT-format JSON
  std::string split = "test";  // train, validation, test or all
  std::string text_template = "This is a {label} song.";
};

struct GenreScores {
  std::vector<std::string> labels;  // every genre of the whole file, sorted
  std::string text_template;
  int64_t pieces = 0;  // of the split with a genre
  double accuracy = 0, macro_f1 = 0;
  double chance_accuracy = 0;    // 1 / labels
  double majority_accuracy = 0;  // always guessing the split's most common genre
};

struct EvalReport {
  std::string data, split;
  int64_t pieces = 0;
  RetrievalMetrics text_to_music, music_to_text, retrieval_chance;
  std::optional<GenreScores> genre;  // where the file has 2+ genres and the split any
  nlohmann::json to_json() const;
};

// Text-to-music and music-to-text retrieval over every piece of the split (each text's
// right key is its own piece) and zero-shot genre classification from the template.
EvalReport evaluate(const EvalSettings& settings, const Progress& progress = {});

}  // namespace mnemo::clamp
