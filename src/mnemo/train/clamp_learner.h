// CLaMP's contrastive training as a Learner of the shared Trainer (one stage; "segments"
// are unused): a batch of music-text pairs drawn without replacement from the training
// split, the symmetric cross-entropy of the batch's similarity matrix (CLIP) with the
// learnable temperature, text dropout over each piece's candidate texts. Validation is
// text-to-music top-1 retrieval over the validation pairs (their full texts); the best
// model by it is kept.
#pragma once
#include <memory>
#include <vector>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/clamp_model.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class ClampLearner : public Learner {
 public:
  // The pieces are patched once here; `source` names the data in errors.
  ClampLearner(clamp::ClampModel model, std::shared_ptr<const clamp::ClampTokenizer> tokenizer,
               const std::vector<clamp::MusicTextPair>& train,
               const std::vector<clamp::MusicTextPair>& validation, bool text_dropout,
               const std::string& source);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  struct Piece {
    std::vector<clamp::Patch> patches;
    std::vector<std::string> candidates;  // for text dropout
    std::vector<int64_t> full_text;       // the description, tokenized
  };
  std::vector<Piece> prepare(const std::vector<clamp::MusicTextPair>& pairs,
                             const std::string& source) const;

  clamp::ClampModel model_;
  std::shared_ptr<const clamp::ClampTokenizer> tokenizer_;
  std::vector<Piece> train_, validation_;
  bool text_dropout_;
};

// The loss of one batch: (CE(logits) + CE(logits^T)) / 2 with the diagonal as targets.
torch::Tensor contrastive_loss(const torch::Tensor& logits);

}  // namespace mnemo::train
