#include "mnemo/train/lm_learner.h"

#include <cmath>

#include "mnemo/core/error.h"
#include "mnemo/nn/eval_scope.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/text/token_stream.h"

namespace mnemo::train {
namespace {

// Every token but the first of each window is a target: the model predicts them all.
torch::Tensor all_targets(const torch::Tensor& ids) {
  auto targets = torch::ones_like(ids);
  targets.select(1, 0).fill_(0);
  return targets;
}

}  // namespace

std::vector<std::filesystem::path> text_files(const std::vector<std::string>& names) {
  std::vector<std::filesystem::path> files;
  for (const auto& name : names) files.push_back(std::filesystem::absolute(name));
  if (files.empty()) throw Error("give the text to train on with --data FILE...");
  return files;
}

TokenText::TokenText(const std::vector<std::filesystem::path>& files,
                     const text::Tokenizer& tokenizer, double validation_fraction) {
  const auto end_of_text = static_cast<int32_t>(text::end_of_text_id(tokenizer));
  for (const auto& file : files) {
    text::tokenize_files({file}, tokenizer, [&](const std::vector<int32_t>& ids, uint64_t) {
      tokens_.insert(tokens_.end(), ids.begin(), ids.end());
    });
    tokens_.push_back(end_of_text);
  }
  const auto validation = static_cast<size_t>(validation_fraction * tokens_.size());
  validation_begin_ = tokens_.size() - validation;
}

size_t TokenText::tokens(tasks::Split split) const {
  return split == tasks::Split::train ? validation_begin_ : tokens_.size() - validation_begin_;
}

torch::Tensor TokenText::window(tasks::Random& random, tasks::Split split, int64_t length) const {
  const size_t available = tokens(split);
  if (available < static_cast<size_t>(length))
    throw Error("language-model text: the " +
                std::string(split == tasks::Split::train ? "training" : "validation") +
                " part has " + std::to_string(available) + " tokens, fewer than a window of " +
                std::to_string(length) + "; give more text or fewer --segments");
  const size_t first = split == tasks::Split::train ? 0 : validation_begin_;
  const size_t offset = first + random.below(available - length + 1);
  return torch::tensor(
      std::vector<int64_t>(tokens_.begin() + offset, tokens_.begin() + offset + length),
      torch::kLong);
}

LmLearner::LmLearner(rmt::DecoderRmtModel rmt, std::shared_ptr<const TokenText> text)
    : rmt_(std::move(rmt)), text_(std::move(text)) {}

std::vector<torch::Tensor> LmLearner::parameters() const { return rmt_.model->parameters(); }

torch::Tensor LmLearner::windows(tasks::Split split, int64_t segments, int64_t first, int64_t count,
                                 const SampleRandom& random_for) const {
  std::vector<torch::Tensor> rows;
  for (int64_t i = first; i < first + count; ++i) {
    auto random = random_for(i);
    rows.push_back(text_->window(random, split, segments * rmt_.model->segment_size()));
  }
  return torch::stack(rows);
}

double LmLearner::accumulate_batch(const BatchRequest& request, const TrainSettings& settings) {
  auto& model = *rmt_.model;
  model.train();
  return backprop_micro_batches(
      request, settings, [&](int64_t first, int64_t count, const auto& options) {
        const auto ids =
            windows(tasks::Split::train, request.segments, first, count, request.random);
        return rmt::accumulate_gradients(model, ids, torch::ones_like(ids), all_targets(ids),
                                         options);
      });
}

Tally LmLearner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  auto& model = *rmt_.model;
  const nn::EvalScope evaluating(model);
  const int64_t micro = settings.effective_micro_batch();
  int64_t right = 0, total = 0;
  const auto [begin, size] = set.share();
  for (int64_t first = begin; first < begin + size; first += micro) {
    const int64_t count = std::min(micro, begin + size - first);
    const auto ids =
        windows(set.split, set.segments, first, count, [&](int64_t i) { return set.random(i); });
    const auto [logits, tokens] = model.target_logits(ids, torch::ones_like(ids), all_targets(ids));
    right += logits.argmax(-1).eq(tokens).sum().item<int64_t>();
    total += tokens.size(0);
  }
  return {static_cast<double>(right), static_cast<double>(total)};
}

void LmLearner::save(const io::AtomicDirectory& out) const { rmt::save_decoder_rmt(out, rmt_); }

void LmLearner::load_weights(const std::filesystem::path& dir) {
  rmt::load_decoder_rmt_weights(dir, rmt_);
}

Perplexity lm_perplexity(rmt::MemoryDecoderImpl& model, const TokenText& text,
                         const tasks::SampleSet& set, int64_t batch) {
  const nn::EvalScope evaluating(model);
  const int64_t length = set.segments * model.segment_size();
  double loss_sum = 0;
  Perplexity result;
  for (int64_t first = 0; first < set.samples; first += batch) {
    std::vector<torch::Tensor> rows;
    for (int64_t i = first; i < std::min(set.samples, first + batch); ++i) {
      auto random = set.random(i);
      rows.push_back(text.window(random, set.split, length));
    }
    const auto ids = torch::stack(rows);
    const auto [logits, tokens] = model.target_logits(ids, torch::ones_like(ids), all_targets(ids));
    loss_sum += torch::cross_entropy_loss(logits, tokens, {}, at::Reduction::Sum).item<double>();
    result.tokens += tokens.size(0);
  }
  result.loss = loss_sum / static_cast<double>(result.tokens);
  result.perplexity = std::exp(result.loss);
  return result;
}

}  // namespace mnemo::train
