// GPT-2's byte-level BPE from Hugging Face's vocab.json + merges.txt, exactly as
// GPT2Tokenizer: special tokens (<|endoftext|>, and those of added_tokens.json) are split out
// first, the rest is pre-tokenized (gpt2_pretokenizer.h), and each piece is merged by rank.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "mnemo/text/tokenizer.h"

namespace mnemo::text {

class ByteLevelBpeTokenizer : public Tokenizer {
 public:
  static constexpr const char* kVocabFile = "vocab.json";
  static constexpr const char* kMergesFile = "merges.txt";
  static constexpr const char* kAddedTokensFile = "added_tokens.json";

  // Reads vocab.json, merges.txt and, when present, added_tokens.json; errors name the file
  // (and the line of merges.txt).
  explicit ByteLevelBpeTokenizer(const std::filesystem::path& directory);

  std::vector<std::string> tokenize(std::string_view text) const override;
  std::vector<int64_t> encode(std::string_view text) const override;
  int64_t vocab_size() const override { return static_cast<int64_t>(tokens_.size()); }
  std::optional<int64_t> token_id(const std::string& piece) const override;
  std::string token(int64_t id) const override;
  std::string detokenize(const std::vector<std::string>& pieces) const override;
  void save(const std::filesystem::path& directory) const override;

 private:
  // The merged pieces of one pre-token spelled in byte characters; memoised.
  std::vector<std::string> merge(const std::string& word) const;
  // Pieces of text without special tokens.
  void tokenize_plain(std::string_view text, std::vector<std::string>& pieces) const;

  std::filesystem::path directory_;
  std::unordered_map<std::string, int64_t> ids_;
  std::vector<std::string> tokens_;  // by id
  std::vector<std::string> merges_;  // "a b", by rank
  std::unordered_map<std::string, size_t> merge_ranks_;
  std::vector<std::string> special_;                 // split out whole, before pre-tokenization
  nlohmann::json added_ = nlohmann::json::object();  // added_tokens.json, saved as read
  std::optional<int64_t> unknown_;                   // what a piece outside the vocabulary becomes
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::vector<std::string>> cache_;
};

}  // namespace mnemo::text
