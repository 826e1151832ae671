#include "mnemo/text/sentencepiece_tokenizer.h"

#include <cstdio>
#include <unordered_map>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::text {
namespace {

void check(const std::string& error, const std::string& context) {
  if (!error.empty()) throw Error(context + ": " + error);
}

}  // namespace

SentencePieceTokenizer::SentencePieceTokenizer(const std::filesystem::path& directory)
    : SentencePieceTokenizer(io::read_file(directory / kModelFile),
                             (directory / kModelFile).string()) {}

SentencePieceTokenizer::SentencePieceTokenizer(const std::string& serialized_model,
                                               const std::string& source)
    : backend_(make_sentencepiece_backend()), serialized_model_(serialized_model) {
  const std::string error = backend_->load(serialized_model_);
  if (!error.empty()) throw file_error(source, "not a SentencePiece model: " + error);
  find_special_tokens("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
}

SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::train(
    const SentencePieceTrainOptions& options) {
  if (options.inputs.empty()) throw Error("tokenizer training: no input files");
  std::string inputs;
  for (const auto& input : options.inputs) {
    if (!std::filesystem::is_regular_file(input)) throw file_error(input.string(), "no such file");
    inputs += (inputs.empty() ? "" : ",") + input.string();
  }
  const std::unordered_map<std::string, std::string> arguments = {
      {"input", inputs},
      {"vocab_size", std::to_string(options.vocab_size)},
      {"model_type", options.model_type},
      {"normalization_rule_name", options.lowercase ? "nmt_nfkc_cf" : "nmt_nfkc"},
      {"pad_id", "0"},
      {"pad_piece", "[PAD]"},
      {"unk_id", "1"},
      {"unk_piece", "[UNK]"},
      {"bos_id", "-1"},
      {"eos_id", "-1"},
      {"control_symbols", "[CLS],[SEP],[MASK]"},
      {"input_sentence_size", std::to_string(options.max_sentences)},
      {"shuffle_input_sentence", "true"},
      {"minloglevel", "1"},
  };
  std::string serialized;
  check(make_sentencepiece_backend()->train(arguments, &serialized), "tokenizer training failed");
  return std::make_unique<SentencePieceTokenizer>(serialized, "trained model");
}

std::vector<std::string> SentencePieceTokenizer::tokenize(std::string_view text) const {
  std::vector<std::string> pieces;
  check(backend_->encode(std::string(text), &pieces), "SentencePiece");
  return pieces;
}

std::vector<int64_t> SentencePieceTokenizer::encode(std::string_view text) const {
  std::vector<int> ids;
  check(backend_->encode(std::string(text), &ids), "SentencePiece");
  return std::vector<int64_t>(ids.begin(), ids.end());
}

int64_t SentencePieceTokenizer::vocab_size() const { return backend_->piece_count(); }

std::optional<int64_t> SentencePieceTokenizer::token_id(const std::string& piece) const {
  const int id = backend_->piece_to_id(piece);
  // Unknown pieces answer unk_id: only the real [UNK] string maps to it.
  if (id == backend_->unk_id() && piece != backend_->id_to_piece(id)) return std::nullopt;
  return id;
}

std::string SentencePieceTokenizer::detokenize(const std::vector<std::string>& pieces) const {
  static const std::string kSpace = "\u2581";  // ▁, SentencePiece's word boundary
  std::string text;
  for (const auto& piece : pieces) {
    unsigned byte = 0;
    if (piece.size() == 6 && std::sscanf(piece.c_str(), "<0x%2X>", &byte) == 1) {
      text.push_back(static_cast<char>(byte));  // byte fallback
      continue;
    }
    for (size_t at = 0; at < piece.size();) {
      const bool boundary = piece.compare(at, kSpace.size(), kSpace) == 0;
      text += boundary ? " " : piece.substr(at, 1);
      at += boundary ? kSpace.size() : 1;
    }
  }
  return !text.empty() && text[0] == ' ' ? text.substr(1) : text;
}

std::string SentencePieceTokenizer::token(int64_t id) const {
  if (id < 0 || id >= vocab_size())
    throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                std::to_string(vocab_size()) + ")");
  return backend_->id_to_piece(static_cast<int>(id));
}

void SentencePieceTokenizer::save(const std::filesystem::path& directory) const {
  io::write_file_atomic(directory / kModelFile, serialized_model_);
}

}  // namespace mnemo::text
