// The encoder RMT on a classification task (memorize, detect, reasoning, bAbI) as a
// curriculum Learner.
#pragma once
#include <memory>

#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/tasks/task.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class EncoderLearner : public Learner {
 public:
  EncoderLearner(rmt::RmtModel rmt, std::shared_ptr<const tasks::TaskGenerator> task);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  rmt::RmtModel rmt_;
  std::shared_ptr<const tasks::TaskGenerator> task_;
};

}  // namespace mnemo::train
