#include "mnemo/eval/accuracy.h"

#include <algorithm>

#include "mnemo/nn/eval_scope.h"

namespace mnemo::eval {

int64_t count_correct(rmt::MemoryEncoderImpl& model, const tasks::TaskGenerator& task,
                      const tasks::SampleSet& set, int64_t batch_size,
                      const BatchProgress& progress) {
  const nn::EvalScope evaluating(model);
  const int64_t usable = model.config().usable();
  int64_t correct = 0;
  const auto [begin, size] = set.share();
  for (int64_t first = begin; first < begin + size; first += batch_size) {
    const int64_t count = std::min(batch_size, begin + size - first);
    std::vector<tasks::Sample> samples;
    std::vector<const std::vector<int32_t>*> tokens;
    std::vector<int64_t> labels;
    for (int64_t i = first; i < first + count; ++i) {
      auto random = set.random(i);
      samples.push_back(task.generate(random, set.split, set.segments, usable));
    }
    for (const auto& sample : samples) {
      tokens.push_back(&sample.tokens);
      labels.push_back(sample.label);
    }
    const auto predicted = model.forward(tokens).logits.argmax(1);
    correct += predicted.eq(torch::tensor(labels, torch::kLong)).sum().item<int64_t>();
    if (progress) progress(first + count - begin, size);
  }
  return correct;
}

}  // namespace mnemo::eval
