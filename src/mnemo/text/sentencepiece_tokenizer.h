// SentencePiece (libsentencepiece) for models trained from scratch: [PAD] is id 0, [UNK]
// id 1, and [CLS], [SEP], [MASK] are control symbols, so BERT-style layouts work unchanged.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "mnemo/text/sentencepiece_backend.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::text {

struct SentencePieceTrainOptions {
  std::vector<std::filesystem::path> inputs;
  int64_t vocab_size = 8000;
  std::string model_type = "unigram";  // unigram, bpe, word or char
  bool lowercase = false;
  int64_t max_sentences = 2000000;  // sampled from the inputs when they hold more
};

class SentencePieceTokenizer : public Tokenizer {
 public:
  static constexpr const char* kModelFile = "tokenizer.model";

  explicit SentencePieceTokenizer(const std::filesystem::path& directory);
  // From the bytes of a serialized model; `source` names it in errors.
  SentencePieceTokenizer(const std::string& serialized_model, const std::string& source);
  ~SentencePieceTokenizer() override;

  // Trains on plain-text files (one sentence or paragraph a line).
  static std::unique_ptr<SentencePieceTokenizer> train(const SentencePieceTrainOptions& options);

  std::vector<std::string> tokenize(std::string_view text) const override;
  std::vector<int64_t> encode(std::string_view text) const override;
  int64_t vocab_size() const override;
  std::optional<int64_t> token_id(const std::string& piece) const override;
  std::string token(int64_t id) const override;
  std::string detokenize(const std::vector<std::string>& pieces) const override;
  void save(const std::filesystem::path& directory) const override;

 private:
  std::unique_ptr<SentencePieceBackend> backend_;
  std::string serialized_model_;
};

}  // namespace mnemo::text
