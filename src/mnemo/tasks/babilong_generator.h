// BABILong-style samples made here, as Kuratov et al. (2024) make them: the statements of a
// bAbI story up to a question (its facts) placed in order at random sentence boundaries of
// noise text, the question after the input. Lengths count tokens of the model's tokenizer.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "mnemo/tasks/babi.h"
#include "mnemo/tasks/babilong.h"
#include "mnemo/tasks/noise.h"
#include "mnemo/tasks/random.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::tasks {

class BabilongGenerator {
 public:
  // `questions` of one bAbI file (named `name`, e.g. qa1): the last tenth of them (at least
  // one) is the validation part, so that the two parts share no story.
  BabilongGenerator(std::string name, std::vector<BabiQuestion> questions,
                    std::shared_ptr<const text::Tokenizer> tokenizer,
                    std::shared_ptr<const NoiseCorpus> noise);

  // A sample whose input holds about `input_tokens` tokens: the facts, and noise filling the
  // rest (none when the facts alone are as long).
  BabilongSample generate(Random& random, Split split, int64_t input_tokens) const;

  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::vector<BabiQuestion> questions_;
  size_t validation_begin_ = 0;
  std::shared_ptr<const text::Tokenizer> tokenizer_;
  std::shared_ptr<const NoiseCorpus> noise_;
};

}  // namespace mnemo::tasks
