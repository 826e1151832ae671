// What the curriculum Trainer trains: a model with its task's batches, validation and model
// directory. The Trainer owns the schedule, the optimizer, checkpoints and resume; a
// learner knows how to turn seeded samples of n segments into gradients and accuracy.
#pragma once
#include <torch/torch.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include "mnemo/io/atomic_file.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/runtime/world.h"
#include "mnemo/tasks/random.h"
#include "mnemo/tasks/sample_set.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

// The generator of sample i of a batch or validation set, keyed so that resume replays it.
using SampleRandom = std::function<tasks::Random(int64_t sample)>;

// The batch the Trainer asks for: samples of `segments` segments drawn from `random`, after
// `run_step` optimizer steps of the whole run (learners that read their data in order
// start at sample run_step x batch size). With several ranks each computes its share of the
// samples (shard()) and the Trainer sums the gradients, so a run's samples and, micro-batch
// for micro-batch, its dropout do not depend on how many ranks share the work.
struct BatchRequest {
  int64_t segments = 1;
  int64_t run_step = 0;
  SampleRandom random;
  uint64_t dropout_seed = 0;  // the micro-batch from sample i seeds dropout with (this, i)
  int rank = 0, ranks = 1;

  // This rank's samples of a batch of `batch_size`: [first, first + count) (share_of).
  std::pair<int64_t, int64_t> shard(int64_t batch_size) const;
};

inline std::pair<int64_t, int64_t> BatchRequest::shard(int64_t batch_size) const {
  return runtime::share_of(batch_size, rank, ranks);
}

// Calls `step(first, count, share)` for each micro-batch of at most `micro` samples of this
// rank's shard of a batch of `batch_size`, with dropout seeded for the micro-batch and share =
// count / batch_size (a micro-batch's loss times its share summed over the batch is the mean).
// Returns the sum of what `step` returns.
template <typename MicroStep>
double for_each_micro_batch(const BatchRequest& request, int64_t batch_size, int64_t micro,
                            MicroStep step) {
  const auto [begin, count] = request.shard(batch_size);
  double total = 0;
  for (int64_t first = begin; first < begin + count; first += micro) {
    const int64_t size = std::min(micro, begin + count - first);
    torch::manual_seed(
        tasks::Random::keyed({request.dropout_seed, static_cast<uint64_t>(first)}).next());
    total += step(first, size, static_cast<double>(size) / static_cast<double>(batch_size));
  }
  return total;
}

// Backpropagates this rank's share of an RMT batch of `settings.batch_size` samples in
// micro-batches: `backprop(first, count, options)` runs samples first..first+count-1 under
// `options` (the BPTT strategy and depth, the mean weighed by the micro-batch's share of the
// batch) and returns its weighed loss. Returns their sum.
template <typename MicroBatchBackprop>
double backprop_micro_batches(const BatchRequest& request, const TrainSettings& settings,
                              MicroBatchBackprop backprop) {
  rmt::LossOptions options;
  options.strategy = rmt::parse_bptt(settings.bptt);
  options.all_segments = settings.loss_all_segments;
  options.bptt_depth = settings.bptt_depth;
  return for_each_micro_batch(request, settings.batch_size, settings.effective_micro_batch(),
                              [&](int64_t first, int64_t count, double share) {
                                options.scale = share;
                                return backprop(first, count, options);
                              });
}

// What a validation counted on one rank: `right` of `total` (samples, tokens, characters).
struct Tally {
  double right = 0, total = 0;
  double fraction() const { return total > 0 ? right / total : 0; }
};

class Learner {
 public:
  virtual ~Learner() = default;

  virtual std::vector<torch::Tensor> parameters() const = 0;
  // Backpropagates this rank's share of a batch of `settings.batch_size` samples (in
  // micro-batches, for_each_micro_batch): gradients accumulate in parameters(). Returns the
  // share's part of the batch's mean loss (the batch's mean with one rank).
  virtual double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) = 0;
  // What this rank's part of the set (set.share()) answers correctly, the model in eval mode
  // and put back after; the Trainer sums the tallies of the ranks. A validation that cannot
  // be split (retrieval among all the pieces) is counted whole on rank 0, empty elsewhere.
  virtual Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) = 0;
  // Writes the model directory's files into the directory being built.
  virtual void save(const io::AtomicDirectory& out) const = 0;
  // Copies the weights of a directory save() wrote (same geometry).
  virtual void load_weights(const std::filesystem::path& dir) = 0;
};

}  // namespace mnemo::train
