// The decoder RMT on BABILong question answering as a curriculum Learner: a sample of n
// segments is a generated input of n x segment_size tokens less room for the question and
// answer, from one of the tasks (qa1, qa2, ...) drawn at random. The loss covers the answer
// tokens only; a sample counts as correct when every answer token, end of text included, is
// the model's top prediction (what greedy generation would write).
#pragma once
#include <memory>
#include <vector>

#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/tasks/babilong_generator.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class BabilongLearner : public Learner {
 public:
  BabilongLearner(rmt::DecoderRmtModel rmt,
                  std::vector<std::shared_ptr<const tasks::BabilongGenerator>> tasks);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

  // Tokens the generated input of an n-segment sample holds.
  int64_t input_tokens(int64_t segments) const;

 private:
  struct Batch {
    torch::Tensor ids, attention, targets;  // (B, L), right-padded; targets mark the answer
  };
  Batch make_batch(tasks::Split split, int64_t segments, int64_t first, int64_t count,
                   const SampleRandom& random) const;

  rmt::DecoderRmtModel rmt_;
  std::vector<std::shared_ptr<const tasks::BabilongGenerator>> tasks_;
};

}  // namespace mnemo::train
