#include "mnemo/tasks/noise.h"

#include <algorithm>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::tasks {

NoiseCorpus::NoiseCorpus(const std::vector<std::filesystem::path>& files,
                         const text::Tokenizer& tokenizer, double validation_fraction) {
  if (files.empty()) throw Error("noise: no text files given");
  for (const auto& file : files) {
    const size_t before = sentences_.size();
    for (const auto& sentence : text::split_sentences(io::read_file(file))) {
      const auto ids = tokenizer.encode(sentence);
      if (!ids.empty()) sentences_.emplace_back(ids.begin(), ids.end());
    }
    if (sentences_.size() == before)
      throw file_error(file.string(), "no sentences in this noise file");
  }
  if (sentences_.size() < 2)
    throw file_error(files.front().string(),
                     "noise needs at least two sentences (one for training, one for validation)");
  const auto validation = std::clamp<size_t>(
      static_cast<size_t>(validation_fraction * static_cast<double>(sentences_.size())), 1,
      sentences_.size() - 1);
  validation_begin_ = sentences_.size() - validation;
}

size_t NoiseCorpus::sentences(Split split) const {
  return split == Split::train ? validation_begin_ : sentences_.size() - validation_begin_;
}

NoiseText NoiseCorpus::sample(Split split, size_t length, Random& random) const {
  const size_t first = split == Split::train ? 0 : validation_begin_;
  const size_t count = sentences(split);
  NoiseText noise;
  noise.tokens.reserve(length);
  size_t index = random.below(count);
  while (noise.tokens.size() < length) {
    const auto& sentence = sentences_[first + index];
    noise.sentence_starts.push_back(noise.tokens.size());
    const size_t take = std::min(sentence.size(), length - noise.tokens.size());
    noise.tokens.insert(noise.tokens.end(), sentence.begin(), sentence.begin() + take);
    index = (index + 1) % count;
  }
  return noise;
}

}  // namespace mnemo::tasks
