#include "mnemo/train/sequence_lm_learner.h"

#include "mnemo/core/error.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/eval_scope.h"
#include "mnemo/nn/gpt2_checkpoint.h"

namespace mnemo::train {
namespace {

// Logits (B, T - 1, vocab) of every position of (B, T) ids but the last, which predicts nothing.
torch::Tensor predicting_logits(nn::Gpt2LMHeadModelImpl& model, const torch::Tensor& ids) {
  nn::Gpt2Inputs inputs;
  inputs.input_ids = ids.slice(1, 0, -1);
  return model.forward(inputs);
}

// Mean next-token cross-entropy of (B, T) ids.
torch::Tensor next_token_loss(nn::Gpt2LMHeadModelImpl& model, const torch::Tensor& ids) {
  const auto logits = predicting_logits(model, ids);
  return torch::cross_entropy_loss(logits.flatten(0, 1), ids.slice(1, 1).flatten());
}

}  // namespace

SequenceLmLearner::SequenceLmLearner(nn::Gpt2LMHeadModel model,
                                     std::shared_ptr<const io::IndexedDataset> data,
                                     uint64_t held_out,
                                     std::shared_ptr<const text::Tokenizer> tokenizer)
    : model_(std::move(model)), data_(std::move(data)), tokenizer_(std::move(tokenizer)) {
  const auto file = data_->index_path().string();
  if (held_out < 1) throw file_error(file, "training needs at least one held-out sequence");
  if (data_->size() <= held_out)
    throw file_error(file, "holds " + std::to_string(data_->size()) +
                               " sequences, not more than the " + std::to_string(held_out) +
                               " held out");
  training_sequences_ = data_->size() - held_out;
}

uint64_t SequenceLmLearner::sequence_at(int64_t run_step, int64_t i, int64_t batch_size) const {
  const auto sample = static_cast<uint64_t>(run_step) * batch_size + i;
  return sample % training_sequences_;
}

torch::Tensor SequenceLmLearner::sequences(const std::vector<uint64_t>& indices) const {
  std::vector<torch::Tensor> rows;
  const int64_t length = data_->length(indices.front());
  for (const auto index : indices) {
    if (data_->length(index) != length)
      throw file_error(data_->index_path().string(),
                       "sequence " + std::to_string(index) + " has " +
                           std::to_string(data_->length(index)) + " tokens and sequence " +
                           std::to_string(indices.front()) + " " + std::to_string(length) +
                           ": training batches need sequences of one length");
    rows.push_back(torch::tensor(data_->tokens(index), torch::kLong));
  }
  const auto ids = torch::stack(rows);
  const auto vocab = model_->config().vocab_size;
  if (ids.size(1) < 2 || ids.size(1) > model_->config().n_positions)
    throw file_error(data_->index_path().string(),
                     "sequences of " + std::to_string(ids.size(1)) +
                         " tokens do not fit the model (2 to " +
                         std::to_string(model_->config().n_positions) + " positions)");
  if (ids.min().item<int64_t>() < 0 || ids.max().item<int64_t>() >= vocab)
    throw file_error(data_->index_path().string(),
                     "holds token ids outside the model's vocabulary of " + std::to_string(vocab));
  return ids;
}

std::vector<torch::Tensor> SequenceLmLearner::parameters() const { return model_->parameters(); }

double SequenceLmLearner::accumulate_batch(const BatchRequest& request,
                                           const TrainSettings& settings) {
  model_->train();
  return for_each_micro_batch(
      request, settings.batch_size, settings.effective_micro_batch(),
      [&](int64_t first, int64_t count, double share) {
        std::vector<uint64_t> indices;
        for (int64_t i = first; i < first + count; ++i)
          indices.push_back(sequence_at(request.run_step, i, settings.batch_size));
        const auto loss = next_token_loss(*model_, sequences(indices)) * share;
        loss.backward();
        return loss.item<double>();
      });
}

Tally SequenceLmLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  const nn::EvalScope evaluating(*model_);
  const auto held_out = data_->size() - training_sequences_;
  const auto [begin, size] = runtime::share_of(
      static_cast<int64_t>(std::min<uint64_t>(held_out, set.samples)), set.rank, set.ranks);
  const auto end = static_cast<uint64_t>(begin + size);
  const auto micro = static_cast<uint64_t>(settings.effective_micro_batch());
  int64_t right = 0, total = 0;
  for (auto first = static_cast<uint64_t>(begin); first < end; first += micro) {
    std::vector<uint64_t> indices;
    for (uint64_t i = first; i < std::min(end, first + micro); ++i)
      indices.push_back(training_sequences_ + i);
    const auto ids = sequences(indices);
    const auto predicted = predicting_logits(*model_, ids).argmax(-1);
    right += predicted.eq(ids.slice(1, 1)).sum().item<int64_t>();
    total += predicted.numel();
  }
  return {static_cast<double>(right), static_cast<double>(total)};
}

void SequenceLmLearner::save(const io::AtomicDirectory& out) const {
  nn::save_gpt2(out, *model_.ptr());
  if (tokenizer_) tokenizer_->save(out.staging());
}

void SequenceLmLearner::load_weights(const std::filesystem::path& dir) {
  const auto path = dir / "model.safetensors";
  const auto report =
      nn::load_state_dict(*model_, io::SafetensorsFile(path), nn::gpt2_checkpoint_key);
  if (!report.missing.empty() || !report.unexpected.empty())
    throw file_error(path.string(), "does not match this model: " + report.summary());
}

}  // namespace mnemo::train
