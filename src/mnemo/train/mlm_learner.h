// Masked-language-model pre-training of a BERT backbone as a curriculum Learner (one stage):
// a sample is a window of consecutive noise-text sentences, [CLS] tokens [SEP]. 15% of the
// tokens are chosen; of those 80% become [MASK], 10% a random token and 10% stay; the loss
// is the cross-entropy at the chosen positions, and "accuracy" is the share of chosen
// validation tokens predicted right. Saved model directories are Hugging Face
// BertForMaskedLM directories with the tokenizer.
#pragma once
#include <memory>
#include <vector>

#include "mnemo/nn/bert_mlm.h"
#include "mnemo/tasks/noise.h"
#include "mnemo/text/tokenizer.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

struct MaskedBatch {
  torch::Tensor input_ids;       // (B, T) with the chosen positions replaced
  torch::Tensor attention_mask;  // (B, T)
  torch::Tensor positions;       // (N, 2): (row, column) of each chosen token
  torch::Tensor labels;          // (N): the original tokens there
};

// Chooses and replaces tokens of `sequences` (each already [CLS] ... [SEP], equal lengths
// or padded with `special.pad`); special tokens are never chosen; at least one per row.
MaskedBatch mask_tokens(const std::vector<std::vector<int64_t>>& sequences,
                        const text::SpecialTokens& special, int64_t vocab_size,
                        double mask_fraction, tasks::Random& random);

class MlmLearner : public Learner {
 public:
  // Sequences of `sequence_length` tokens with [CLS] and [SEP] (3 to the model's positions);
  // the tokenizer must have [CLS], [SEP] and [MASK].
  MlmLearner(nn::BertForMaskedLM model, std::shared_ptr<const text::Tokenizer> tokenizer,
             std::shared_ptr<const tasks::NoiseCorpus> corpus, int64_t sequence_length,
             double mask_fraction);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

  // Samples first..first+count-1 of `split`, each window and its masks drawn from its own
  // `random(i)`, so that a sample is the same whatever the micro-batches.
  MaskedBatch masked_batch(tasks::Split split, int64_t first, int64_t count,
                           const SampleRandom& random) const;

 private:
  nn::BertForMaskedLM model_;
  std::shared_ptr<const text::Tokenizer> tokenizer_;
  std::shared_ptr<const tasks::NoiseCorpus> corpus_;
  int64_t sequence_length_;
  double mask_fraction_;
};

}  // namespace mnemo::train
