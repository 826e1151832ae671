#include "mnemo/train/clamp_learner.h"

#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/embedding.h"
#include "mnemo/clamp/retrieval.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/eval_scope.h"

namespace mnemo::train {

torch::Tensor contrastive_loss(const torch::Tensor& logits) {
  const auto targets = torch::arange(logits.size(0), torch::kLong);
  namespace F = torch::nn::functional;
  return (F::cross_entropy(logits, targets) + F::cross_entropy(logits.t(), targets)) / 2;
}

ClampLearner::ClampLearner(clamp::ClampModel model,
                           std::shared_ptr<const clamp::ClampTokenizer> tokenizer,
                           const std::vector<clamp::MusicTextPair>& train,
                           const std::vector<clamp::MusicTextPair>& validation, bool text_dropout,
                           const std::string& source)
    : model_(std::move(model)), tokenizer_(std::move(tokenizer)), text_dropout_(text_dropout) {
  train_ = prepare(train, source);
  validation_ = prepare(validation, source);
  if (train_.size() < 2) throw Error(source + ": contrastive training needs at least 2 pieces");
  if (validation_.empty()) throw Error(source + ": no piece for validation");
}

std::vector<ClampLearner::Piece> ClampLearner::prepare(
    const std::vector<clamp::MusicTextPair>& pairs, const std::string& source) const {
  const clamp::PatchOptions patching{model_->config().max_patches, true};
  std::vector<Piece> pieces;
  for (const auto& pair : pairs) {
    const std::string name = source + " (" + pair.title + ")";
    pieces.push_back({clamp::abc_to_patches(pair.music, patching, name),
                      clamp::candidate_texts(pair),
                      tokenizer_->encode(pair.text.empty() ? pair.title : pair.text)});
  }
  return pieces;
}

std::vector<torch::Tensor> ClampLearner::parameters() const { return model_->parameters(); }

double ClampLearner::accumulate_batch(const BatchRequest& request, const TrainSettings& settings) {
  // Distinct pieces: a repeated piece would be its own false negative.
  const int64_t batch = std::min<int64_t>(settings.batch_size, static_cast<int64_t>(train_.size()));
  std::vector<size_t> order(train_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto draw = request.random(0);
  for (int64_t i = 0; i < batch; ++i)
    std::swap(order[static_cast<size_t>(i)],
              order[static_cast<size_t>(i) + draw.below(order.size() - static_cast<size_t>(i))]);

  model_->train();
  // Each micro-batch is its own contrastive batch: its pieces are each other's negatives.
  return for_each_micro_batch(
      request, batch, settings.effective_micro_batch(),
      [&](int64_t first, int64_t count, double share) {
        std::vector<std::vector<int64_t>> texts;
        std::vector<std::vector<clamp::Patch>> music;
        for (int64_t i = first; i < first + count; ++i) {
          const Piece& piece = train_[order[static_cast<size_t>(i)]];
          if (text_dropout_) {
            auto text_random = request.random(i + 1);
            texts.push_back(
                tokenizer_->encode_joined(clamp::drop_texts(piece.candidates, text_random)));
          } else {
            texts.push_back(piece.full_text);
          }
          music.push_back(piece.patches);
        }
        const auto text_inputs = clamp::text_batch(texts, tokenizer_->pad_id());
        const auto music_inputs = clamp::music_batch(music);
        const auto logits =
            model_->logits(model_->text_features(text_inputs.inputs, text_inputs.mask),
                           model_->music_features(music_inputs.inputs, music_inputs.mask));
        const auto loss = contrastive_loss(logits) * share;
        loss.backward();
        return loss.item<double>();
      });
}

Tally ClampLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  // Retrieval ranks each text among all the pieces: counted whole, on rank 0.
  if (set.rank != 0) return {};
  const nn::EvalScope evaluating(*model_);
  std::vector<std::vector<int64_t>> texts;
  std::vector<std::vector<clamp::Patch>> music;
  std::vector<int64_t> right;
  for (size_t i = 0; i < validation_.size(); ++i) {
    texts.push_back(validation_[i].full_text);
    music.push_back(validation_[i].patches);
    right.push_back(static_cast<int64_t>(i));
  }
  const int64_t batch = settings.effective_micro_batch();
  const auto scores =
      model_->logits(clamp::embed_token_ids(*model_, texts, tokenizer_->pad_id(), batch),
                     clamp::embed_patches(*model_, music, batch));
  const auto pieces = static_cast<double>(validation_.size());
  return {clamp::retrieval_metrics(scores, right).hit_at_1 * pieces, pieces};
}

void ClampLearner::save(const io::AtomicDirectory& out) const {
  clamp::save_clamp(out, *model_);
  tokenizer_->tokenizer().save(out.staging());
}

void ClampLearner::load_weights(const std::filesystem::path& dir) {
  clamp::load_clamp_weights(dir, *model_);
}

}  // namespace mnemo::train
