// The learned BEB scorer (beb/learned_scorer.h) as a Learner: mean squared error against
// labels in [-1, 1] on batches of training sentences read in a seeded order that changes
// every epoch (sample k of the run is sentence order_e[k mod n] of epoch e = k / n), so a
// resumed run reads exactly the batches it would have; "accuracy" is the share of held-out
// sentences with a non-zero label whose sign the score has.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "mnemo/beb/learned_scorer.h"
#include "mnemo/beb/text_scoring.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class ScorerLearner : public Learner {
 public:
  // `about` goes into every saved learned-scorer.json; `seed` orders the epochs.
  ScorerLearner(beb::LearnedScorer scorer, beb::LabelledSentences training,
                beb::LabelledSentences held_out, nlohmann::json about, uint64_t seed);

  // The training sentence that sample `i` of the batch after `run_step` steps reads.
  size_t sentence_at(int64_t run_step, int64_t i, int64_t batch_size) const;
  const beb::LearnedScorer& scorer() const { return scorer_; }

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  beb::LearnedScorer scorer_;
  std::vector<std::vector<int64_t>> training_ids_;  // feature ids of each training sentence
  std::vector<double> training_labels_;
  beb::LabelledSentences held_out_;
  nlohmann::json about_;
  uint64_t seed_;
  mutable int64_t order_epoch_ = -1;  // the epoch `order_` belongs to
  mutable std::vector<size_t> order_;
};

}  // namespace mnemo::train
