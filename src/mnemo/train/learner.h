// What the curriculum Trainer trains: a model with its task's batches, validation and model
// directory. The Trainer owns the schedule, the optimizer, checkpoints and resume; a
// learner knows how to turn seeded samples of n segments into gradients and accuracy.
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "mnemo/io/atomic_file.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/tasks/random.h"
#include "mnemo/tasks/sample_set.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

// The generator of sample i of a batch or validation set, keyed so that resume replays it.
using SampleRandom = std::function<tasks::Random(int64_t sample)>;

// The batch the Trainer asks for: samples of `segments` segments drawn from `random`, after
// `run_step` optimizer steps of the whole run (learners that read their data in order
// start at sample run_step x batch size).
struct BatchRequest {
  int64_t segments = 1;
  int64_t run_step = 0;
  SampleRandom random;
};

// Backpropagates an RMT batch of `settings.batch_size` samples in micro-batches:
// `backprop(first, count, options)` runs samples first..first+count-1 under `options` (the
// BPTT strategy and depth, the mean weighed by the micro-batch's share of the batch) and
// returns its weighed loss. Returns their sum, the batch mean.
template <typename MicroBatchBackprop>
double backprop_micro_batches(const TrainSettings& settings, MicroBatchBackprop backprop) {
  const int64_t micro = settings.effective_micro_batch();
  rmt::LossOptions options;
  options.strategy = rmt::parse_bptt(settings.bptt);
  options.all_segments = settings.loss_all_segments;
  options.bptt_depth = settings.bptt_depth;
  options.scale = static_cast<double>(micro) / settings.batch_size;
  double total_loss = 0;
  for (int64_t first = 0; first < settings.batch_size; first += micro)
    total_loss += backprop(first, micro, options);
  return total_loss;
}

class Learner {
 public:
  virtual ~Learner() = default;

  virtual std::vector<torch::Tensor> parameters() const = 0;
  // Backpropagates one batch of `settings.batch_size` samples (in micro-batches): gradients
  // accumulate in parameters(). Returns the batch's mean loss.
  virtual double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) = 0;
  // Fraction of the set answered correctly, the model in eval mode and put back after.
  virtual double accuracy(const tasks::SampleSet& set, const TrainSettings& settings) = 0;
  // Writes the model directory's files into the directory being built.
  virtual void save(const io::AtomicDirectory& out) const = 0;
  // Copies the weights of a directory save() wrote (same geometry).
  virtual void load_weights(const std::filesystem::path& dir) = 0;
};

}  // namespace mnemo::train
