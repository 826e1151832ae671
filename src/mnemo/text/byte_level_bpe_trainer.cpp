#include "mnemo/text/byte_level_bpe_trainer.h"

#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/gpt2_pretokenizer.h"

namespace mnemo::text {
namespace {

using Pair = std::pair<int32_t, int32_t>;

struct PairHash {
  size_t operator()(const Pair& pair) const {
    return std::hash<uint64_t>()((static_cast<uint64_t>(pair.first) << 32) ^
                                 static_cast<uint32_t>(pair.second));
  }
};

struct Word {
  std::vector<int32_t> symbols;
  int64_t count = 0;
};

}  // namespace

void train_byte_level_bpe(const std::vector<std::string>& texts, const BpeTrainingOptions& options,
                          const std::filesystem::path& directory) {
  const auto base = static_cast<int64_t>(options.special_tokens.size()) + 256;
  if (options.vocab_size < base)
    throw Error("a byte-level BPE vocabulary needs at least " + std::to_string(base) +
                " tokens (the special tokens and 256 bytes)");
  std::vector<std::string> symbols;  // by symbol id: the 256 bytes, then merged pieces
  for (int b = 0; b < 256; ++b) symbols.push_back(bytes_to_unicode(std::string(1, char(b))));

  std::map<std::string, int64_t> counts;  // ordered, so that the result is deterministic
  for (const auto& text : texts)
    for (const auto piece : gpt2_pretokenize(text)) ++counts[std::string(piece)];
  std::vector<Word> words;
  for (const auto& [piece, count] : counts) {
    Word word{{}, count};
    for (const char c : piece) word.symbols.push_back(static_cast<unsigned char>(c));
    words.push_back(std::move(word));
  }

  std::vector<std::string> merges;
  while (static_cast<int64_t>(symbols.size()) +
             static_cast<int64_t>(options.special_tokens.size()) <
         options.vocab_size) {
    std::unordered_map<Pair, int64_t, PairHash> pairs;
    for (const auto& word : words)
      for (size_t i = 0; i + 1 < word.symbols.size(); ++i)
        pairs[{word.symbols[i], word.symbols[i + 1]}] += word.count;
    const Pair* best = nullptr;
    int64_t best_count = 0;
    for (const auto& [pair, count] : pairs) {
      if (count < best_count || count < options.min_frequency) continue;
      const auto spelled = [&](const Pair& p) {
        return std::make_pair(symbols[size_t(p.first)], symbols[size_t(p.second)]);
      };
      if (count > best_count || spelled(pair) < spelled(*best)) {
        best = &pair;
        best_count = count;
      }
    }
    if (!best) break;
    const Pair merged = *best;
    const auto id = static_cast<int32_t>(symbols.size());
    symbols.push_back(symbols[size_t(merged.first)] + symbols[size_t(merged.second)]);
    merges.push_back(symbols[size_t(merged.first)] + " " + symbols[size_t(merged.second)]);
    for (auto& word : words) {
      std::vector<int32_t> out;
      for (size_t i = 0; i < word.symbols.size(); ++i) {
        if (i + 1 < word.symbols.size() && word.symbols[i] == merged.first &&
            word.symbols[i + 1] == merged.second) {
          out.push_back(id);
          ++i;
        } else {
          out.push_back(word.symbols[i]);
        }
      }
      word.symbols = std::move(out);
    }
  }

  nlohmann::json vocab = nlohmann::json::object();
  int64_t next = 0;
  for (const auto& special : options.special_tokens) vocab[special] = next++;
  for (const auto& symbol : symbols)
    if (!vocab.contains(symbol)) vocab[symbol] = next++;
  std::filesystem::create_directories(directory);
  io::write_file_atomic(directory / "vocab.json", vocab.dump() + "\n");
  std::string lines = "#version: 0.2\n";
  for (const auto& merge : merges) lines += merge + "\n";
  io::write_file_atomic(directory / "merges.txt", lines);
}

}  // namespace mnemo::text
