// WordPiece exactly as Hugging Face's BertTokenizer: the basic tokenizer (clean text,
// isolate CJK ideographs, NFC, optional lowercasing with accent stripping, split on
// whitespace and punctuation), then greedy longest-match-first with `##` continuations.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "mnemo/text/tokenizer.h"

namespace mnemo::text {

struct WordPieceOptions {
  bool do_lower_case = true;          // Hugging Face's default when tokenizer_config.json is silent
  std::optional<bool> strip_accents;  // unset: follow do_lower_case
  bool tokenize_chinese_chars = true;
  std::string unk_token = "[UNK]", sep_token = "[SEP]", pad_token = "[PAD]", cls_token = "[CLS]",
              mask_token = "[MASK]";
  size_t max_input_chars_per_word = 100;
};

class WordPieceTokenizer : public Tokenizer {
 public:
  static constexpr const char* kVocabFile = "vocab.txt";
  static constexpr const char* kConfigFile = "tokenizer_config.json";

  // Reads vocab.txt and, when present, tokenizer_config.json.
  explicit WordPieceTokenizer(const std::filesystem::path& directory);
  WordPieceTokenizer(std::vector<std::string> vocabulary, WordPieceOptions options);

  std::vector<std::string> tokenize(std::string_view text) const override;
  std::vector<int64_t> encode(std::string_view text) const override;
  int64_t vocab_size() const override { return static_cast<int64_t>(vocabulary_.size()); }
  std::optional<int64_t> token_id(const std::string& piece) const override;
  std::string token(int64_t id) const override;
  std::string detokenize(const std::vector<std::string>& pieces) const override;
  void save(const std::filesystem::path& directory) const override;

  // The basic tokenizer alone: words and punctuation marks, before WordPiece.
  std::vector<std::string> basic_tokenize(std::string_view text) const;

 private:
  void build_index();
  void split_word(const std::string& word, std::vector<std::string>& pieces) const;
  bool is_special(const std::string& text) const;

  std::vector<std::string> vocabulary_;
  std::unordered_map<std::string, int64_t> ids_;
  WordPieceOptions options_;
};

}  // namespace mnemo::text
