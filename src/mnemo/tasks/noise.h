// Noise text for the RMT tasks: whole sentences of plain-text files, tokenized once and
// split into a training part and a validation part that share no sentence.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "mnemo/tasks/random.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::tasks {

enum class Split { train, validation };

struct NoiseText {
  std::vector<int32_t> tokens;
  std::vector<size_t> sentence_starts;  // offsets into `tokens` where a sentence begins
};

class NoiseCorpus {
 public:
  // The last `validation_fraction` of the sentences (at least one) are the validation part.
  NoiseCorpus(const std::vector<std::filesystem::path>& files, const text::Tokenizer& tokenizer,
              double validation_fraction = 0.1);

  // Exactly `length` tokens: consecutive sentences of the part from a random starting
  // sentence, wrapping around as needed; the last one is cut to fit.
  NoiseText sample(Split split, size_t length, Random& random) const;

  size_t sentences(Split split) const;

 private:
  std::vector<std::vector<int32_t>> sentences_;
  size_t validation_begin_ = 0;
};

}  // namespace mnemo::tasks
