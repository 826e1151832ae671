#include "mnemo/text/byte_level_bpe.h"

#include <algorithm>
#include <fstream>
#include <limits>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/gpt2_pretokenizer.h"
#include "mnemo/text/unicode.h"

namespace mnemo::text {
namespace {

constexpr const char* kEndOfText = "<|endoftext|>";

// The UTF-8 characters of `word`, each as its own string.
std::vector<std::string> characters(const std::string& word) {
  std::vector<std::string> symbols;
  for (const char32_t c : utf8_decode(word)) symbols.push_back(utf8_encode(std::u32string(1, c)));
  return symbols;
}

}  // namespace

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(const std::filesystem::path& directory)
    : directory_(directory) {
  const auto vocab_path = directory / kVocabFile;
  const auto vocab = io::read_json_file(vocab_path);
  if (!vocab.is_object() || vocab.empty())
    throw file_error(vocab_path.string(), "expected a non-empty JSON object {token: id}");
  int64_t largest = -1;
  for (const auto& item : vocab.items()) {
    if (!item.value().is_number_integer() || item.value().get<int64_t>() < 0)
      throw file_error(vocab_path.string(), "token '" + item.key() + "' has no valid id");
    largest = std::max(largest, item.value().get<int64_t>());
  }
  if (largest >= int64_t(vocab.size()) * 2 + 1024)
    throw file_error(vocab_path.string(), "ids are sparse (largest " + std::to_string(largest) +
                                              " for " + std::to_string(vocab.size()) + " tokens)");
  tokens_.resize(size_t(largest + 1));
  for (const auto& item : vocab.items()) {
    const int64_t id = item.value().get<int64_t>();
    if (!tokens_[size_t(id)].empty())
      throw file_error(vocab_path.string(), "id " + std::to_string(id) + " is used twice");
    tokens_[size_t(id)] = item.key();
    ids_[item.key()] = id;
  }

  const auto merges_path = directory / kMergesFile;
  std::ifstream merges(merges_path);
  if (!merges) throw file_error(merges_path.string(), "cannot open");
  std::string line;
  for (size_t number = 1; std::getline(merges, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (number == 1 && line.rfind("#version", 0) == 0)) continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
        line.find(' ', space + 1) != std::string::npos)
      throw file_error(merges_path.string(), "line " + std::to_string(number) +
                                                 ": expected two tokens separated by a space");
    merge_ranks_.emplace(line, merges_.size());
    merges_.push_back(line);
  }

  if (ids_.count(kEndOfText)) special_.push_back(kEndOfText);
  const auto added_path = directory / kAddedTokensFile;
  if (std::filesystem::exists(added_path)) {
    added_ = io::read_json_file(added_path);
    if (!added_.is_object())
      throw file_error(added_path.string(), "expected a JSON object {token: id}");
    std::vector<std::pair<int64_t, std::string>> by_id;
    for (const auto& item : added_.items()) {
      if (!item.value().is_number_integer())
        throw file_error(added_path.string(), "token '" + item.key() + "' has no integer id");
      by_id.emplace_back(item.value().get<int64_t>(), item.key());
    }
    std::sort(by_id.begin(), by_id.end());
    for (const auto& [id, token] : by_id) {
      if (id < 0 || id > int64_t(tokens_.size()))
        throw file_error(added_path.string(), "token '" + token + "' has id " + std::to_string(id) +
                                                  ", beyond the vocabulary");
      if (id == int64_t(tokens_.size())) tokens_.emplace_back();
      tokens_[size_t(id)] = token;
      ids_[token] = id;
      if (token != kEndOfText) special_.push_back(token);
    }
  }
  // GPT2Tokenizer's unk_token is <|endoftext|>; byte-level pieces are always in GPT-2's
  // vocabulary, so this only matters for vocabularies that lack some byte.
  if (ids_.count(kEndOfText)) unknown_ = ids_.at(kEndOfText);
}

std::vector<std::string> ByteLevelBpeTokenizer::merge(const std::string& word) const {
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto found = cache_.find(word);
    if (found != cache_.end()) return found->second;
  }
  std::vector<std::string> symbols = characters(word);
  while (symbols.size() > 1) {
    // The adjacent pair of lowest rank is merged everywhere it occurs, left to right.
    size_t best_rank = std::numeric_limits<size_t>::max();
    std::string best_first, best_second;
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      auto found = merge_ranks_.find(symbols[i] + " " + symbols[i + 1]);
      if (found != merge_ranks_.end() && found->second < best_rank) {
        best_rank = found->second;
        best_first = symbols[i];
        best_second = symbols[i + 1];
      }
    }
    if (best_rank == std::numeric_limits<size_t>::max()) break;
    std::vector<std::string> merged;
    for (size_t i = 0; i < symbols.size(); ++i) {
      if (i + 1 < symbols.size() && symbols[i] == best_first && symbols[i + 1] == best_second) {
        merged.push_back(best_first + best_second);
        ++i;
      } else {
        merged.push_back(symbols[i]);
      }
    }
    symbols = std::move(merged);
  }
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() > 100000) cache_.clear();  // bounded: long inputs have many rare words
  cache_.emplace(word, symbols);
  return symbols;
}

void ByteLevelBpeTokenizer::tokenize_plain(std::string_view text,
                                           std::vector<std::string>& pieces) const {
  for (const std::string_view word : gpt2_pretokenize(text))
    for (auto& piece : merge(bytes_to_unicode(word))) pieces.push_back(std::move(piece));
}

std::vector<std::string> ByteLevelBpeTokenizer::tokenize(std::string_view text) const {
  std::vector<std::string> pieces;
  while (!text.empty()) {
    // The earliest special token (the longest where two start at the same place).
    size_t at = std::string_view::npos, length = 0;
    for (const auto& special : special_) {
      const size_t found = text.find(special);
      if (found < at || (found == at && found != std::string_view::npos && special.size() > length))
        at = found, length = special.size();
    }
    if (at == std::string_view::npos) {
      tokenize_plain(text, pieces);
      break;
    }
    tokenize_plain(text.substr(0, at), pieces);
    pieces.emplace_back(text.substr(at, length));
    text.remove_prefix(at + length);
  }
  return pieces;
}

std::vector<int64_t> ByteLevelBpeTokenizer::encode(std::string_view text) const {
  std::vector<int64_t> ids;
  for (const auto& piece : tokenize(text)) {
    auto found = ids_.find(piece);
    if (found != ids_.end()) {
      ids.push_back(found->second);
    } else if (unknown_) {
      ids.push_back(*unknown_);
    } else {
      throw file_error((directory_ / kVocabFile).string(),
                       "piece '" + piece + "' is not in the vocabulary, which has no " +
                           kEndOfText + " to stand for it");
    }
  }
  return ids;
}

std::optional<int64_t> ByteLevelBpeTokenizer::token_id(const std::string& piece) const {
  auto found = ids_.find(piece);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::string ByteLevelBpeTokenizer::token(int64_t id) const {
  if (id < 0 || id >= vocab_size() || tokens_[size_t(id)].empty())
    throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                std::to_string(vocab_size()) + ")");
  return tokens_[size_t(id)];
}

std::string ByteLevelBpeTokenizer::detokenize(const std::vector<std::string>& pieces) const {
  std::string bytes;
  for (const auto& piece : pieces)
    bytes += std::find(special_.begin(), special_.end(), piece) != special_.end()
                 ? piece
                 : unicode_to_bytes(piece, (directory_ / kVocabFile).string());
  // Invalid UTF-8 (a character cut between tokens) becomes U+FFFD, as errors="replace".
  return utf8_encode(utf8_decode(bytes));
}

void ByteLevelBpeTokenizer::save(const std::filesystem::path& directory) const {
  nlohmann::json vocab = nlohmann::json::object();
  for (size_t id = 0; id < tokens_.size(); ++id)
    if (!tokens_[id].empty() && !added_.contains(tokens_[id])) vocab[tokens_[id]] = id;
  io::write_file_atomic(directory / kVocabFile, vocab.dump() + "\n");
  if (!added_.empty()) io::write_file_atomic(directory / kAddedTokensFile, added_.dump() + "\n");
  std::string merges = "#version: 0.2\n";
  for (const auto& line : merges_) merges += line + "\n";
  io::write_file_atomic(directory / kMergesFile, merges);
}

}  // namespace mnemo::text
