// Learns a byte-level BPE vocabulary (GPT-2 / RoBERTa style) from texts: GPT-2's
// pre-tokenization, the 256 byte symbols, then the most frequent adjacent pair merged again
// and again, as Hugging Face's ByteLevelBPETokenizer.train does. Writes vocab.json and
// merges.txt, which ByteLevelBpeTokenizer reads.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace mnemo::text {

struct BpeTrainingOptions {
  int64_t vocab_size = 4096;                // specials + 256 bytes + merges, at most
  std::vector<std::string> special_tokens;  // ids 0, 1, ... in this order
  int64_t min_frequency = 2;                // a pair seen fewer times is not merged
};

// Ties between equally frequent pairs go to the pair that sorts first, so the result is
// the same on every run.
void train_byte_level_bpe(const std::vector<std::string>& texts, const BpeTrainingOptions& options,
                          const std::filesystem::path& directory);

}  // namespace mnemo::text
