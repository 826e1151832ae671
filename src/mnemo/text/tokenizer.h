// One interface for every tokenizer mnemo reads from a model directory.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnemo/io/atomic_file.h"

namespace mnemo::text {

// Ids of the BERT special tokens; nullopt where the vocabulary has none.
struct SpecialTokens {
  std::optional<int64_t> pad, unk, cls, sep, mask;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Pieces as the vocabulary spells them ("play", "##ing"; "▁play" for SentencePiece).
  virtual std::vector<std::string> tokenize(std::string_view text) const = 0;
  // Ids without special tokens.
  virtual std::vector<int64_t> encode(std::string_view text) const = 0;
  virtual int64_t vocab_size() const = 0;
  virtual std::optional<int64_t> token_id(const std::string& piece) const = 0;
  virtual std::string token(int64_t id) const = 0;
  // Pieces back to text, as Hugging Face's convert_tokens_to_string.
  virtual std::string detokenize(const std::vector<std::string>& pieces) const = 0;
  // Writes this tokenizer's files into `directory`, each file atomically.
  virtual void save(const std::filesystem::path& directory) const = 0;

  const SpecialTokens& special_tokens() const { return special_; }
  // Ids back to text, as Hugging Face's decode(ids); an id outside the vocabulary is an error.
  std::string decode(const std::vector<int64_t>& ids) const;
  // [CLS] ids [SEP], as Hugging Face's tokenizer(text) gives them.
  std::vector<int64_t> encode_with_special_tokens(std::string_view text) const;

 protected:
  // Looks up the ids of the special token strings once the vocabulary is loaded.
  void find_special_tokens(const std::string& pad, const std::string& unk, const std::string& cls,
                           const std::string& sep, const std::string& mask);

 private:
  SpecialTokens special_;
};

// WordPiece (vocab.txt, optional tokenizer_config.json), SentencePiece (tokenizer.model) or
// byte-level BPE (vocab.json + merges.txt), whichever the directory holds (a training run
// directory: its final model's, io::resolve_model_directory); an error names the directory and
// the files looked for.
std::unique_ptr<Tokenizer> load_tokenizer(const std::filesystem::path& directory);
// Whether `directory` holds one of those tokenizers (a Hugging Face model directory need not).
bool holds_tokenizer(const std::filesystem::path& directory);

// Why `a` and `b` do not spell the same ids (their sizes, or the first id spelt differently);
// nullopt where they do.
std::optional<std::string> vocabulary_difference(const Tokenizer& a, const Tokenizer& b);

// The id that ends a text for a language model: <|endoftext|> in GPT-2 vocabularies, [SEP]
// in mnemo's SentencePiece ones.
int64_t end_of_text_id(const Tokenizer& tokenizer);

}  // namespace mnemo::text
