#include "mnemo/tasks/babilong_generator.h"

#include <algorithm>

#include "mnemo/core/error.h"

namespace mnemo::tasks {

BabilongGenerator::BabilongGenerator(std::string name, std::vector<BabiQuestion> questions,
                                     std::shared_ptr<const text::Tokenizer> tokenizer,
                                     std::shared_ptr<const NoiseCorpus> noise)
    : name_(std::move(name)),
      questions_(std::move(questions)),
      tokenizer_(std::move(tokenizer)),
      noise_(std::move(noise)) {
  if (questions_.size() < 2)
    throw Error("BABILong " + name_ +
                ": needs at least 2 bAbI questions (training and validation)");
  validation_begin_ = questions_.size() - std::max<size_t>(1, questions_.size() / 10);
}

BabilongSample BabilongGenerator::generate(Random& random, Split split,
                                           int64_t input_tokens) const {
  const size_t first = split == Split::train ? 0 : validation_begin_;
  const size_t count = split == Split::train ? validation_begin_ : questions_.size() - first;
  const auto& question = questions_[first + random.below(count)];

  int64_t fact_tokens = 0;
  for (const auto& fact : question.story)
    fact_tokens += static_cast<int64_t>(tokenizer_->encode(fact).size());
  NoiseText noise;
  if (input_tokens > fact_tokens)
    noise = noise_->sample(split, static_cast<size_t>(input_tokens - fact_tokens), random);

  // Fact k goes before noise sentence at[k] (at[k] == sentences: after the last one).
  const size_t sentences = noise.sentence_starts.size();
  std::vector<size_t> at(question.story.size());
  for (auto& position : at) position = random.below(sentences + 1);
  std::sort(at.begin(), at.end());

  std::vector<std::string> pieces;
  size_t next_fact = 0;
  for (size_t s = 0; s <= sentences; ++s) {
    while (next_fact < at.size() && at[next_fact] == s)
      pieces.push_back(question.story[next_fact++]);
    if (s == sentences) break;
    const size_t begin = noise.sentence_starts[s];
    const size_t end = s + 1 < sentences ? noise.sentence_starts[s + 1] : noise.tokens.size();
    pieces.push_back(tokenizer_->decode(
        std::vector<int64_t>(noise.tokens.begin() + begin, noise.tokens.begin() + end)));
  }
  BabilongSample sample;
  for (const auto& piece : pieces) sample.input += (sample.input.empty() ? "" : " ") + piece;
  sample.question = question.question;
  sample.target = question.answer;
  return sample;
}

}  // namespace mnemo::tasks
