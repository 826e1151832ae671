#include "mnemo/train/mlm_learner.h"

#include "mnemo/core/error.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/eval_scope.h"

namespace mnemo::train {
namespace {

int64_t mlm_special_id(const std::optional<int64_t>& id, const char* name) {
  if (!id) throw Error(std::string("MLM pre-training: the tokenizer has no ") + name + " token");
  return *id;
}

// Scores over the vocabulary at the chosen positions of a batch: (N, V).
torch::Tensor chosen_logits(nn::BertForMaskedLMImpl& model, const MaskedBatch& masked) {
  nn::BertInputs inputs;
  inputs.input_ids = masked.input_ids;
  inputs.attention_mask = masked.attention_mask;
  return model.forward(inputs, masked.positions);
}

}  // namespace

MaskedBatch mask_tokens(const std::vector<std::vector<int64_t>>& sequences,
                        const text::SpecialTokens& special, int64_t vocab_size,
                        double mask_fraction, tasks::Random& random) {
  const int64_t mask_id = mlm_special_id(special.mask, "[MASK]");
  const auto rows = static_cast<int64_t>(sequences.size());
  const auto width = static_cast<int64_t>(sequences.front().size());
  auto ids = torch::empty({rows, width}, torch::kLong);
  auto mask = torch::empty({rows, width}, torch::kLong);
  auto id_at = ids.accessor<int64_t, 2>();
  auto mask_at = mask.accessor<int64_t, 2>();
  std::vector<int64_t> positions, labels;
  const auto is_special = [&](int64_t id) {
    return id == special.cls || id == special.sep || id == special.pad || id == special.mask;
  };
  const auto draw = [&] { return static_cast<double>(random.next() >> 11) * 0x1.0p-53; };
  for (int64_t row = 0; row < rows; ++row) {
    const auto& sequence = sequences[row];
    if (static_cast<int64_t>(sequence.size()) != width)
      throw Error("MLM batch: sequences must have equal lengths (pad them)");
    std::vector<int64_t> candidates;
    for (int64_t column = 0; column < width; ++column) {
      id_at[row][column] = sequence[column];
      mask_at[row][column] = sequence[column] == special.pad ? 0 : 1;
      if (!is_special(sequence[column])) candidates.push_back(column);
    }
    std::vector<int64_t> chosen;
    for (const int64_t column : candidates)
      if (draw() < mask_fraction) chosen.push_back(column);
    if (chosen.empty() && !candidates.empty())
      chosen.push_back(candidates[random.below(candidates.size())]);
    for (const int64_t column : chosen) {
      positions.insert(positions.end(), {row, column});
      labels.push_back(sequence[column]);
      const double action = draw();
      if (action < 0.8)
        id_at[row][column] = mask_id;
      else if (action < 0.9)
        id_at[row][column] = static_cast<int64_t>(random.below(vocab_size));
    }
  }
  const auto count = static_cast<int64_t>(labels.size());
  return {ids, mask, torch::tensor(positions, torch::kLong).view({count, 2}),
          torch::tensor(labels, torch::kLong)};
}

MlmLearner::MlmLearner(nn::BertForMaskedLM model, std::shared_ptr<const text::Tokenizer> tokenizer,
                       std::shared_ptr<const tasks::NoiseCorpus> corpus, int64_t sequence_length,
                       double mask_fraction)
    : model_(std::move(model)),
      tokenizer_(std::move(tokenizer)),
      corpus_(std::move(corpus)),
      sequence_length_(sequence_length),
      mask_fraction_(mask_fraction) {
  const int64_t positions = model_->bert->config().max_position_embeddings;
  if (sequence_length_ < 3 || sequence_length_ > positions)
    throw Error("--sequence-length must lie in [3, " + std::to_string(positions) + "]");
  const auto& special = tokenizer_->special_tokens();
  mlm_special_id(special.cls, "[CLS]");
  mlm_special_id(special.sep, "[SEP]");
  mlm_special_id(special.mask, "[MASK]");
}

std::vector<torch::Tensor> MlmLearner::parameters() const { return model_->parameters(); }

MaskedBatch MlmLearner::masked_batch(tasks::Split split, int64_t first, int64_t count,
                                     const SampleRandom& random_for) const {
  const auto& special = tokenizer_->special_tokens();
  std::vector<MaskedBatch> rows;
  for (int64_t i = first; i < first + count; ++i) {
    auto random = random_for(i);
    const auto window = corpus_->sample(split, sequence_length_ - 2, random);
    std::vector<int64_t> sequence = {*special.cls};
    sequence.insert(sequence.end(), window.tokens.begin(), window.tokens.end());
    sequence.push_back(*special.sep);
    rows.push_back(
        mask_tokens({sequence}, special, tokenizer_->vocab_size(), mask_fraction_, random));
  }
  // One row each: stacked, with each chosen position's row set to its place in the batch.
  std::vector<torch::Tensor> ids, masks, positions, labels;
  for (size_t row = 0; row < rows.size(); ++row) {
    ids.push_back(rows[row].input_ids);
    masks.push_back(rows[row].attention_mask);
    auto at = rows[row].positions.clone();  // (n, 2)
    at.select(1, 0).fill_(static_cast<int64_t>(row));
    positions.push_back(at);
    labels.push_back(rows[row].labels);
  }
  return {torch::cat(ids), torch::cat(masks), torch::cat(positions), torch::cat(labels)};
}

double MlmLearner::accumulate_batch(const BatchRequest& request, const TrainSettings& settings) {
  model_->train();
  return backprop_micro_batches(
      request, settings, [&](int64_t first, int64_t count, const auto& options) {
        const auto masked = masked_batch(tasks::Split::train, first, count, request.random);
        // Weighed by the micro-batch's share of the batch (options.scale): the sum is the mean.
        const torch::Tensor loss =
            torch::cross_entropy_loss(chosen_logits(*model_, masked), masked.labels) *
            options.scale;
        loss.backward();
        return loss.item<double>();
      });
}

Tally MlmLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  const nn::EvalScope evaluating(*model_);
  const int64_t micro = settings.effective_micro_batch();
  int64_t right = 0, total = 0;
  const auto [begin, size] = set.share();
  for (int64_t first = begin; first < begin + size; first += micro) {
    const auto masked = masked_batch(set.split, first, std::min(micro, begin + size - first),
                                     [&](int64_t i) { return set.random(i); });
    right += chosen_logits(*model_, masked).argmax(1).eq(masked.labels).sum().item<int64_t>();
    total += masked.labels.size(0);
  }
  return {static_cast<double>(right), static_cast<double>(total)};
}

void MlmLearner::save(const io::AtomicDirectory& out) const {
  nn::save_bert_mlm(out, *model_.ptr());
  tokenizer_->save(out.staging());
}

void MlmLearner::load_weights(const std::filesystem::path& dir) {
  nn::load_bert_mlm_weights(dir, *model_);
}

}  // namespace mnemo::train
