#include "mnemo/train/scorer_learner.h"

#include <numeric>

#include "mnemo/core/error.h"
#include "mnemo/tasks/random.h"

namespace mnemo::train {
namespace {

// Random::keyed stream of the epochs' orders.
constexpr uint64_t kScorerEpochOrder = 11;

}  // namespace

ScorerLearner::ScorerLearner(beb::LearnedScorer scorer, beb::LabelledSentences training,
                             beb::LabelledSentences held_out, nlohmann::json about, uint64_t seed)
    : scorer_(std::move(scorer)),
      training_labels_(std::move(training.labels)),
      held_out_(std::move(held_out)),
      about_(std::move(about)),
      seed_(seed) {
  if (training.sentences.empty() || training.sentences.size() != training_labels_.size())
    throw Error("scorer learner: needs one label per training sentence, and sentences");
  for (const auto& sentence : training.sentences)
    training_ids_.push_back(scorer_.feature_ids(sentence));
}

size_t ScorerLearner::sentence_at(int64_t run_step, int64_t i, int64_t batch_size) const {
  const auto n = static_cast<uint64_t>(training_ids_.size());
  const auto sample = static_cast<uint64_t>(run_step) * batch_size + i;
  const auto epoch = static_cast<int64_t>(sample / n);
  if (epoch != order_epoch_) {
    // Fisher-Yates with SplitMix64: the same order on every platform.
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), size_t{0});
    auto random = tasks::Random::keyed({seed_, kScorerEpochOrder, static_cast<uint64_t>(epoch)});
    for (size_t j = n - 1; j > 0; --j) std::swap(order_[j], order_[random.below(j + 1)]);
    order_epoch_ = epoch;
  }
  return order_[sample % n];
}

std::vector<torch::Tensor> ScorerLearner::parameters() const { return scorer_.parameters(); }

double ScorerLearner::accumulate_batch(const BatchRequest& request, const TrainSettings& settings) {
  // The model is a bag of embeddings: a rank's whole share is one small forward pass.
  return for_each_micro_batch(
      request, settings.batch_size, settings.batch_size,
      [&](int64_t first, int64_t count, double share) {
        std::vector<std::vector<int64_t>> batch;
        std::vector<float> targets;
        for (int64_t i = first; i < first + count; ++i) {
          const auto sentence = sentence_at(request.run_step, i, settings.batch_size);
          batch.push_back(training_ids_[sentence]);
          targets.push_back(static_cast<float>(training_labels_[sentence]));
        }
        const auto loss = torch::mse_loss(scorer_.forward(batch), torch::tensor(targets)) * share;
        loss.backward();
        return loss.item<double>();
      });
}

Tally ScorerLearner::accuracy(const tasks::SampleSet& set, const TrainSettings&) {
  // The held-out sentences are the validation set, whatever its size; a run without any
  // has no quality to measure and keeps its last weights (0 > the Trainer's -1 start).
  const auto [first, count] =
      runtime::share_of(static_cast<int64_t>(held_out_.sentences.size()), set.rank, set.ranks);
  if (count == 0) return {};
  const auto part = [&](const auto& all) {
    return std::vector(all.begin() + first, all.begin() + first + count);
  };
  const auto quality =
      beb::scorer_quality(scorer_, part(held_out_.sentences), part(held_out_.labels));
  return {quality.sign_agreement * static_cast<double>(count), static_cast<double>(count)};
}

void ScorerLearner::save(const io::AtomicDirectory& out) const {
  scorer_.write_files(out.staging(), about_);
}

void ScorerLearner::load_weights(const std::filesystem::path& dir) { scorer_.load_weights(dir); }

}  // namespace mnemo::train
