#include "mnemo/text/tokenizer.h"

#include "mnemo/core/error.h"
#include "mnemo/io/model_directory.h"
#include "mnemo/text/byte_level_bpe.h"
#include "mnemo/text/sentencepiece_tokenizer.h"
#include "mnemo/text/wordpiece.h"

namespace mnemo::text {

std::vector<int64_t> Tokenizer::encode_with_special_tokens(std::string_view text) const {
  if (!special_.cls || !special_.sep)
    throw Error("the tokenizer's vocabulary has no [CLS]/[SEP] tokens");
  std::vector<int64_t> ids{*special_.cls};
  for (int64_t id : encode(text)) ids.push_back(id);
  ids.push_back(*special_.sep);
  return ids;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids) const {
  std::vector<std::string> pieces;
  pieces.reserve(ids.size());
  for (const int64_t id : ids) pieces.push_back(token(id));
  return detokenize(pieces);
}

void Tokenizer::find_special_tokens(const std::string& pad, const std::string& unk,
                                    const std::string& cls, const std::string& sep,
                                    const std::string& mask) {
  special_ = {token_id(pad), token_id(unk), token_id(cls), token_id(sep), token_id(mask)};
}

namespace {

enum class TokenizerKind { kNone, kSentencePiece, kWordPiece, kByteLevelBpe };

// The file a tokenizer directory is recognised by, checked in this order.
TokenizerKind tokenizer_kind(const std::filesystem::path& directory) {
  if (std::filesystem::exists(directory / SentencePieceTokenizer::kModelFile))
    return TokenizerKind::kSentencePiece;
  if (std::filesystem::exists(directory / WordPieceTokenizer::kVocabFile))
    return TokenizerKind::kWordPiece;
  if (std::filesystem::exists(directory / ByteLevelBpeTokenizer::kVocabFile))
    return TokenizerKind::kByteLevelBpe;
  return TokenizerKind::kNone;
}

}  // namespace

std::unique_ptr<Tokenizer> load_tokenizer(const std::filesystem::path& given) {
  const auto directory = io::resolve_model_directory(given);
  switch (tokenizer_kind(directory)) {
    case TokenizerKind::kSentencePiece:
      return std::make_unique<SentencePieceTokenizer>(directory);
    case TokenizerKind::kWordPiece:
      return std::make_unique<WordPieceTokenizer>(directory);
    case TokenizerKind::kByteLevelBpe:
      return std::make_unique<ByteLevelBpeTokenizer>(directory);
    case TokenizerKind::kNone:
      break;
  }
  throw file_error(directory.string(),
                   std::string("no tokenizer: expected ") + WordPieceTokenizer::kVocabFile +
                       " (WordPiece), " + SentencePieceTokenizer::kModelFile +
                       " (SentencePiece) or " + ByteLevelBpeTokenizer::kVocabFile + " + " +
                       ByteLevelBpeTokenizer::kMergesFile + " (byte-level BPE)");
}

bool holds_tokenizer(const std::filesystem::path& directory) {
  return tokenizer_kind(directory) != TokenizerKind::kNone;
}

std::optional<std::string> vocabulary_difference(const Tokenizer& a, const Tokenizer& b) {
  if (a.vocab_size() != b.vocab_size())
    return std::to_string(a.vocab_size()) + " and " + std::to_string(b.vocab_size()) + " tokens";
  for (int64_t id = 0; id < a.vocab_size(); ++id)
    if (a.token(id) != b.token(id))
      return "token " + std::to_string(id) + " is '" + a.token(id) + "' in one and '" +
             b.token(id) + "' in the other";
  return std::nullopt;
}

int64_t end_of_text_id(const Tokenizer& tokenizer) {
  if (const auto id = tokenizer.token_id("<|endoftext|>")) return *id;
  if (const auto id = tokenizer.special_tokens().sep) return *id;
  throw Error("the tokenizer has neither <|endoftext|> nor [SEP] to end texts with");
}

}  // namespace mnemo::text
