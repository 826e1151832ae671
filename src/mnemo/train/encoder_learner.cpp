#include "mnemo/train/encoder_learner.h"

#include "mnemo/eval/accuracy.h"
#include "mnemo/rmt/backprop.h"

namespace mnemo::train {

EncoderLearner::EncoderLearner(rmt::RmtModel rmt, std::shared_ptr<const tasks::TaskGenerator> task)
    : rmt_(std::move(rmt)), task_(std::move(task)) {}

std::vector<torch::Tensor> EncoderLearner::parameters() const { return rmt_.model->parameters(); }

double EncoderLearner::accumulate_batch(const BatchRequest& request,
                                        const TrainSettings& settings) {
  auto& model = *rmt_.model;
  model.train();
  return backprop_micro_batches(
      request, settings, [&](int64_t first, int64_t count, const auto& options) {
        std::vector<tasks::Sample> samples;
        for (int64_t i = first; i < first + count; ++i) {
          auto random = request.random(i);
          const int64_t length = settings.mixed_lengths
                                     ? 1 + static_cast<int64_t>(random.below(request.segments))
                                     : request.segments;
          samples.push_back(
              task_->generate(random, tasks::Split::train, length, model.config().usable()));
        }
        std::vector<const std::vector<int32_t>*> tokens;
        std::vector<int64_t> label_values;
        for (const auto& sample : samples) {
          tokens.push_back(&sample.tokens);
          label_values.push_back(sample.label);
        }
        return rmt::accumulate_gradients(model, tokens, torch::tensor(label_values, torch::kLong),
                                         options);
      });
}

Tally EncoderLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  const auto correct =
      eval::count_correct(*rmt_.model, *task_, set, settings.effective_micro_batch());
  return {static_cast<double>(correct), static_cast<double>(set.share().second)};
}

void EncoderLearner::save(const io::AtomicDirectory& out) const { rmt::save_rmt(out, rmt_); }

void EncoderLearner::load_weights(const std::filesystem::path& dir) {
  rmt::load_rmt_weights(dir, rmt_);
}

}  // namespace mnemo::train
