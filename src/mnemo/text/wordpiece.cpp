#include "mnemo/text/wordpiece.h"

#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/unicode.h"

namespace mnemo::text {
namespace {

// tokenizer_config.json spells special tokens as "[UNK]" or, in newer files,
// {"content": "[UNK]", ...}.
std::string special_token_field(const nlohmann::json& config, const std::string& key,
                                const std::string& fallback, const std::string& source) {
  auto found = config.find(key);
  if (found == config.end() || found->is_null()) return fallback;
  if (found->is_string()) return found->get<std::string>();
  if (found->is_object() && found->contains("content") && (*found)["content"].is_string())
    return (*found)["content"].get<std::string>();
  throw file_error(source, "field '" + key + "' is neither a string nor {\"content\": ...}");
}

WordPieceOptions read_options(const std::filesystem::path& path) {
  WordPieceOptions options;
  if (!std::filesystem::exists(path)) return options;
  const auto config = io::read_json_file(path);
  const std::string source = path.string();
  options.do_lower_case = io::json_field(config, "do_lower_case", options.do_lower_case, source);
  if (config.contains("strip_accents") && !config["strip_accents"].is_null())
    options.strip_accents = io::json_field(config, "strip_accents", false, source);
  options.tokenize_chinese_chars =
      io::json_field(config, "tokenize_chinese_chars", options.tokenize_chinese_chars, source);
  options.unk_token = special_token_field(config, "unk_token", options.unk_token, source);
  options.sep_token = special_token_field(config, "sep_token", options.sep_token, source);
  options.pad_token = special_token_field(config, "pad_token", options.pad_token, source);
  options.cls_token = special_token_field(config, "cls_token", options.cls_token, source);
  options.mask_token = special_token_field(config, "mask_token", options.mask_token, source);
  return options;
}

std::vector<std::string> read_vocabulary(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw file_error(path.string(), "cannot open");
  std::vector<std::string> vocabulary;
  // One token per line, id = line number; like Hugging Face only the newline is stripped.
  for (std::string line; std::getline(in, line);) vocabulary.push_back(line);
  if (vocabulary.empty()) throw file_error(path.string(), "empty vocabulary");
  return vocabulary;
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(const std::filesystem::path& directory)
    : WordPieceTokenizer(read_vocabulary(directory / kVocabFile),
                         read_options(directory / kConfigFile)) {
  if (!token_id(options_.unk_token))
    throw file_error((directory / kVocabFile).string(),
                     "has no unknown token '" + options_.unk_token + "'");
}

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> vocabulary,
                                       WordPieceOptions options)
    : vocabulary_(std::move(vocabulary)), options_(std::move(options)) {
  // A token listed twice gets its last line, as in Hugging Face.
  for (size_t i = 0; i < vocabulary_.size(); ++i) ids_[vocabulary_[i]] = static_cast<int64_t>(i);
  find_special_tokens(options_.pad_token, options_.unk_token, options_.cls_token,
                      options_.sep_token, options_.mask_token);
}

bool WordPieceTokenizer::is_special(const std::string& text) const {
  return text == options_.unk_token || text == options_.sep_token || text == options_.pad_token ||
         text == options_.cls_token || text == options_.mask_token;
}

std::vector<std::string> WordPieceTokenizer::basic_tokenize(std::string_view text) const {
  std::u32string cleaned;
  for (char32_t c : utf8_decode(text)) {
    if (c == 0 || c == 0xFFFD || is_bert_control(c)) continue;
    if (is_bert_whitespace(c)) {
      cleaned.push_back(U' ');
    } else if (options_.tokenize_chinese_chars && is_cjk_ideograph(c)) {
      cleaned += {U' ', c, U' '};
    } else {
      cleaned.push_back(c);
    }
  }
  cleaned = nfc(cleaned);
  const bool strip_accents = options_.strip_accents.value_or(options_.do_lower_case);

  std::vector<std::string> tokens;
  auto emit_word = [&](std::u32string word) {
    const std::string utf8 = utf8_encode(word);
    if (is_special(utf8)) {
      tokens.push_back(utf8);
      return;
    }
    if (options_.do_lower_case)
      for (char32_t& c : word) c = to_lower(c);
    if (strip_accents) {
      std::u32string stripped;
      for (char32_t c : nfd(word))
        if (!is_nonspacing_mark(c)) stripped.push_back(c);
      word = std::move(stripped);
    }
    std::u32string current;
    for (char32_t c : word) {
      if (is_bert_punctuation(c)) {
        if (!current.empty()) tokens.push_back(utf8_encode(current));
        tokens.push_back(utf8_encode(std::u32string(1, c)));
        current.clear();
      } else {
        current.push_back(c);
      }
    }
    if (!current.empty()) tokens.push_back(utf8_encode(current));
  };
  std::u32string word;
  for (char32_t c : cleaned) {
    if (is_python_space(c)) {
      if (!word.empty()) emit_word(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) emit_word(std::move(word));
  return tokens;
}

void WordPieceTokenizer::split_word(const std::string& word,
                                    std::vector<std::string>& pieces) const {
  if (is_special(word)) {
    pieces.push_back(word);
    return;
  }
  const std::u32string chars = utf8_decode(word);
  if (chars.size() > options_.max_input_chars_per_word) {
    pieces.push_back(options_.unk_token);
    return;
  }
  std::vector<std::string> word_pieces;
  size_t start = 0;
  while (start < chars.size()) {
    size_t end = chars.size();
    std::optional<std::string> match;
    for (; end > start; --end) {
      std::string candidate =
          (start > 0 ? "##" : "") + utf8_encode(chars.substr(start, end - start));
      if (ids_.count(candidate)) {
        match = std::move(candidate);
        break;
      }
    }
    if (!match) {  // one unmatchable stretch makes the whole word unknown
      pieces.push_back(options_.unk_token);
      return;
    }
    word_pieces.push_back(std::move(*match));
    start = end;
  }
  pieces.insert(pieces.end(), word_pieces.begin(), word_pieces.end());
}

std::vector<std::string> WordPieceTokenizer::tokenize(std::string_view text) const {
  // Special tokens written in the text ("[CLS] hi [SEP]") stay whole, as Hugging Face's
  // added-token split does: cut at the earliest, then longest, special token.
  const std::string specials[] = {options_.cls_token, options_.sep_token, options_.mask_token,
                                  options_.pad_token, options_.unk_token};
  std::vector<std::string> pieces;
  while (!text.empty()) {
    size_t best_at = std::string_view::npos, best_length = 0;
    for (const auto& special : specials) {
      if (special.empty()) continue;
      size_t at = text.find(special);
      if (at < best_at ||
          (at == best_at && at != std::string_view::npos && special.size() > best_length))
        best_at = at, best_length = special.size();
    }
    for (const auto& word : basic_tokenize(text.substr(0, best_at))) split_word(word, pieces);
    if (best_at == std::string_view::npos) break;
    pieces.emplace_back(text.substr(best_at, best_length));
    text.remove_prefix(best_at + best_length);
  }
  return pieces;
}

std::vector<int64_t> WordPieceTokenizer::encode(std::string_view text) const {
  std::vector<int64_t> ids;
  for (const auto& piece : tokenize(text))
    ids.push_back(ids_.at(piece));  // every piece is in the vocabulary
  return ids;
}

std::optional<int64_t> WordPieceTokenizer::token_id(const std::string& piece) const {
  auto found = ids_.find(piece);
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

std::string WordPieceTokenizer::token(int64_t id) const {
  if (id < 0 || id >= vocab_size())
    throw Error("token id " + std::to_string(id) + " is outside the vocabulary (size " +
                std::to_string(vocab_size()) + ")");
  return vocabulary_[static_cast<size_t>(id)];
}

std::string WordPieceTokenizer::detokenize(const std::vector<std::string>& pieces) const {
  std::string text;
  for (const auto& piece : pieces) {
    const bool continues = piece.rfind("##", 0) == 0 && !text.empty();
    text += continues ? piece.substr(2) : (text.empty() ? "" : " ") + piece;
  }
  return text;
}

void WordPieceTokenizer::save(const std::filesystem::path& directory) const {
  std::string vocabulary;
  for (const auto& piece : vocabulary_) vocabulary += piece + "\n";
  io::write_file_atomic(directory / kVocabFile, vocabulary);
  nlohmann::json config = {{"tokenizer_class", "BertTokenizer"},
                           {"do_lower_case", options_.do_lower_case},
                           {"tokenize_chinese_chars", options_.tokenize_chinese_chars},
                           {"unk_token", options_.unk_token},
                           {"sep_token", options_.sep_token},
                           {"pad_token", options_.pad_token},
                           {"cls_token", options_.cls_token},
                           {"mask_token", options_.mask_token}};
  config["strip_accents"] =
      options_.strip_accents ? nlohmann::json(*options_.strip_accents) : nlohmann::json();
  io::write_file_atomic(directory / kConfigFile, config.dump(2) + "\n");
}

}  // namespace mnemo::text
