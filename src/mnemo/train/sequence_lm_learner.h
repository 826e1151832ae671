// A plain GPT-2 language model trained as Pythia was, for the memorization study: on the
// sequences of an indexed dataset in file order (step s reads sequences s x B .. s x B + B - 1,
// wrapping round for further epochs), next-token loss over every position. The last
// `held_out` sequences of the file are never trained on; "accuracy" is the share of their
// tokens predicted right. Saved model directories hold the tokenizer when one is given, so
// that they can be read and sampled as text.
#pragma once
#include <memory>
#include <vector>

#include "mnemo/io/indexed_dataset.h"
#include "mnemo/nn/gpt2.h"
#include "mnemo/text/tokenizer.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class SequenceLmLearner : public Learner {
 public:
  // The dataset must hold more than `held_out` sequences, all at least two tokens long.
  SequenceLmLearner(nn::Gpt2LMHeadModel model, std::shared_ptr<const io::IndexedDataset> data,
                    uint64_t held_out, std::shared_ptr<const text::Tokenizer> tokenizer = nullptr);

  // Sequences trained on: the file's first size() - held_out.
  uint64_t training_sequences() const { return training_sequences_; }
  // The dataset sequence that sample `i` of the batch after `run_step` steps reads.
  uint64_t sequence_at(int64_t run_step, int64_t i, int64_t batch_size) const;

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  torch::Tensor sequences(const std::vector<uint64_t>& indices) const;

  nn::Gpt2LMHeadModel model_;
  std::shared_ptr<const io::IndexedDataset> data_;
  std::shared_ptr<const text::Tokenizer> tokenizer_;
  uint64_t training_sequences_ = 0;
};

}  // namespace mnemo::train
