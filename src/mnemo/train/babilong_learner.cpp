#include "mnemo/train/babilong_learner.h"

#include "mnemo/core/error.h"
#include "mnemo/nn/eval_scope.h"
#include "mnemo/rmt/backprop.h"

namespace mnemo::train {
namespace {

// Room left at the end of the last segment for the question, "Answer:" and the answer.
constexpr int64_t kQuestionRoom = 32;

}  // namespace

BabilongLearner::BabilongLearner(rmt::DecoderRmtModel rmt,
                                 std::vector<std::shared_ptr<const tasks::BabilongGenerator>> tasks)
    : rmt_(std::move(rmt)), tasks_(std::move(tasks)) {
  if (tasks_.empty()) throw Error("BABILong training needs at least one task");
}

std::vector<torch::Tensor> BabilongLearner::parameters() const { return rmt_.model->parameters(); }

int64_t BabilongLearner::input_tokens(int64_t segments) const {
  return std::max<int64_t>(0, segments * rmt_.model->segment_size() - kQuestionRoom);
}

BabilongLearner::Batch BabilongLearner::make_batch(tasks::Split split, int64_t segments,
                                                   int64_t first, int64_t count,
                                                   const SampleRandom& random_for) const {
  std::vector<tasks::QaTokens> samples;
  size_t longest = 0;
  for (int64_t i = first; i < first + count; ++i) {
    auto random = random_for(i);
    const auto& task = *tasks_[random.below(tasks_.size())];
    samples.push_back(
        tasks::qa_tokens(task.generate(random, split, input_tokens(segments)), *rmt_.tokenizer));
    longest = std::max(longest, samples.back().prompt.size() + samples.back().answer.size());
  }
  Batch batch;
  batch.ids = torch::zeros({count, static_cast<int64_t>(longest)}, torch::kLong);
  batch.attention = torch::zeros_like(batch.ids);
  batch.targets = torch::zeros_like(batch.ids);
  for (int64_t b = 0; b < count; ++b) {
    const auto& sample = samples[b];
    const int64_t prompt = sample.prompt.size(), answer = sample.answer.size();
    auto row = batch.ids[b];
    row.slice(0, 0, prompt).copy_(torch::tensor(sample.prompt, torch::kLong));
    row.slice(0, prompt, prompt + answer).copy_(torch::tensor(sample.answer, torch::kLong));
    batch.attention[b].slice(0, 0, prompt + answer).fill_(1);
    batch.targets[b].slice(0, prompt, prompt + answer).fill_(1);
  }
  return batch;
}

double BabilongLearner::accumulate_batch(const BatchRequest& request,
                                         const TrainSettings& settings) {
  auto& model = *rmt_.model;
  model.train();
  return backprop_micro_batches(
      request, settings, [&](int64_t first, int64_t count, const auto& options) {
        const auto batch =
            make_batch(tasks::Split::train, request.segments, first, count, request.random);
        return rmt::accumulate_gradients(model, batch.ids, batch.attention, batch.targets, options);
      });
}

Tally BabilongLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  auto& model = *rmt_.model;
  const nn::EvalScope evaluating(model);
  const int64_t micro = settings.effective_micro_batch();
  int64_t correct = 0;
  const auto [begin, size] = set.share();
  for (int64_t first = begin; first < begin + size; first += micro) {
    const int64_t count = std::min(micro, begin + size - first);
    const auto batch =
        make_batch(set.split, set.segments, first, count, [&](int64_t i) { return set.random(i); });
    const auto [logits, tokens] = model.target_logits(batch.ids, batch.attention, batch.targets);
    // Row r of the logits belongs to the sample of the r-th marked position.
    const auto sample_of_row = batch.targets.slice(1, 1).nonzero().select(1, 0);
    const auto wrong =
        torch::zeros({count}, torch::kLong)
            .index_add_(0, sample_of_row, logits.argmax(-1).ne(tokens).to(torch::kLong))
            .gt(0);
    correct += count - wrong.sum().item<int64_t>();
  }
  return {static_cast<double>(correct), static_cast<double>(size)};
}

void BabilongLearner::save(const io::AtomicDirectory& out) const {
  rmt::save_decoder_rmt(out, rmt_);
}

void BabilongLearner::load_weights(const std::filesystem::path& dir) {
  rmt::load_decoder_rmt_weights(dir, rmt_);
}

}  // namespace mnemo::train
