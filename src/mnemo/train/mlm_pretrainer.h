// Masked-language-model pre-training of a BERT backbone on plain text, so that an RMT can
// start from a backbone that already reads language (the paper started from bert-base-cased).
// Sequences are windows of consecutive sentences: [CLS] tokens [SEP]. 15% of the tokens
// are chosen; of those 80% become [MASK], 10% a random token and 10% stay; the loss is the
// cross-entropy at the chosen positions.
//
// The output directory is a Hugging Face BertForMaskedLM directory plus optimizer.pt and
// pretrain_state.json; it is replaced atomically at every save, so it is always whole and
// a run can be resumed from it.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>

#include "mnemo/nn/bert_mlm.h"
#include "mnemo/tasks/noise.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::train {

struct MlmSettings {
  int64_t steps = 2000;
  int64_t batch_size = 32;
  int64_t sequence_length = 128;  // including [CLS] and [SEP]
  double learning_rate = 5e-4;
  double weight_decay = 0.01;
  double warmup_fraction = 0.06;
  double mask_fraction = 0.15;
  double clip_value = 5.0;
  int64_t save_every = 200;  // steps; also when validation runs
  int64_t validation_sequences = 64;
  uint64_t seed = 0;
};

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

struct MlmProgress {
  int64_t step = 0, steps = 0;
  double loss = 0;              // mean since the last save
  double validation_loss = -1;  // at saves
  double validation_accuracy = -1;
  double seconds_per_step = 0;
};

struct MlmValidation {
  int64_t step = 0;
  double loss = 0, masked_accuracy = 0;
};

class MlmPretrainer {
 public:
  MlmPretrainer(std::filesystem::path out, nn::BertForMaskedLM model,
                std::shared_ptr<const text::Tokenizer> tokenizer,
                std::shared_ptr<const tasks::NoiseCorpus> corpus, MlmSettings settings);

  // Continues from the state saved in the output directory.
  void resume();
  void run(const std::function<void(const MlmProgress&)>& progress = {});
  int64_t step() const { return step_; }
  // Every validation of the run so far, resumed runs included (kept in pretrain_state.json).
  const std::vector<MlmValidation>& validations() const { return validations_; }

 private:
  MaskedBatch batch(tasks::Split split, uint64_t stream, uint64_t index, int64_t rows) const;
  std::pair<double, double> validate();
  void save() const;

  std::filesystem::path out_;
  nn::BertForMaskedLM model_;
  std::shared_ptr<const text::Tokenizer> tokenizer_;
  std::shared_ptr<const tasks::NoiseCorpus> corpus_;
  MlmSettings settings_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  int64_t step_ = 0;
  std::vector<MlmValidation> validations_;
};

}  // namespace mnemo::train
