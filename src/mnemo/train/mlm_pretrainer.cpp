#include "mnemo/train/mlm_pretrainer.h"

#include <chrono>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/nn/eval_scope.h"
#include "mnemo/train/optimization.h"
#include "mnemo/train/schedule.h"

namespace mnemo::train {
namespace {

enum MlmStream : uint64_t { kMlmTrain = 1, kMlmValidation = 2, kMlmDropout = 3 };

int64_t required(const std::optional<int64_t>& id, const char* name) {
  if (!id) throw Error(std::string("MLM pre-training: the tokenizer has no ") + name + " token");
  return *id;
}

}  // namespace

MaskedBatch mask_tokens(const std::vector<std::vector<int64_t>>& sequences,
                        const text::SpecialTokens& special, int64_t vocab_size,
                        double mask_fraction, tasks::Random& random) {
  const int64_t mask_id = required(special.mask, "[MASK]");
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

MlmPretrainer::MlmPretrainer(std::filesystem::path out, nn::BertForMaskedLM model,
                             std::shared_ptr<const text::Tokenizer> tokenizer,
                             std::shared_ptr<const tasks::NoiseCorpus> corpus, MlmSettings settings)
    : out_(std::move(out)),
      model_(std::move(model)),
      tokenizer_(std::move(tokenizer)),
      corpus_(std::move(corpus)),
      settings_(settings) {
  if (settings_.sequence_length < 3 ||
      settings_.sequence_length > model_->bert->config().max_position_embeddings)
    throw Error("--sequence-length must lie in [3, " +
                std::to_string(model_->bert->config().max_position_embeddings) + "]");
  if (settings_.steps < 1 || settings_.batch_size < 1 || settings_.save_every < 1)
    throw Error("--steps, --batch and --save-every must be >= 1");
  optimizer_ = make_adamw(model_->parameters(), settings_.learning_rate, settings_.weight_decay);
}

void MlmPretrainer::resume() {
  const auto state_path = out_ / "pretrain_state.json";
  const auto state = io::read_json_file(state_path);
  step_ = io::json_field<int64_t>(state, "step", 0, state_path.string());
  validations_.clear();
  for (const auto& entry :
       io::json_field(state, "validations", nlohmann::json::array(), state_path.string()))
    validations_.push_back(
        {io::json_field<int64_t>(entry, "step", 0, state_path.string()),
         io::json_field<double>(entry, "loss", 0, state_path.string()),
         io::json_field<double>(entry, "masked_accuracy", 0, state_path.string())});
  load_optimizer(out_, *optimizer_);
}

MaskedBatch MlmPretrainer::batch(tasks::Split split, uint64_t stream, uint64_t index,
                                 int64_t rows) const {
  const auto& special = tokenizer_->special_tokens();
  std::vector<std::vector<int64_t>> sequences;
  auto random = tasks::Random::keyed({settings_.seed, stream, index});
  for (int64_t row = 0; row < rows; ++row) {
    const auto window = corpus_->sample(split, settings_.sequence_length - 2, random);
    std::vector<int64_t> sequence = {required(special.cls, "[CLS]")};
    sequence.insert(sequence.end(), window.tokens.begin(), window.tokens.end());
    sequence.push_back(required(special.sep, "[SEP]"));
    sequences.push_back(std::move(sequence));
  }
  return mask_tokens(sequences, special, tokenizer_->vocab_size(), settings_.mask_fraction, random);
}

std::pair<double, double> MlmPretrainer::validate() {
  const nn::EvalScope evaluating(*model_);
  const auto masked =
      batch(tasks::Split::validation, kMlmValidation, 0, settings_.validation_sequences);
  nn::BertInputs inputs;
  inputs.input_ids = masked.input_ids;
  inputs.attention_mask = masked.attention_mask;
  const auto logits = model_->forward(inputs, masked.positions);
  const double loss = torch::cross_entropy_loss(logits, masked.labels).item<double>();
  const double accuracy =
      logits.argmax(1).eq(masked.labels).to(torch::kDouble).mean().item<double>();
  return {loss, accuracy};
}

void MlmPretrainer::save() const {
  io::AtomicDirectory dir(out_);
  nn::save_bert_mlm(dir, *model_.ptr());
  tokenizer_->save(dir.staging());
  save_optimizer(dir, *optimizer_);
  auto validations = nlohmann::json::array();
  for (const auto& v : validations_)
    validations.push_back(
        {{"step", v.step}, {"loss", v.loss}, {"masked_accuracy", v.masked_accuracy}});
  dir.write_file("pretrain_state.json",
                 nlohmann::json{{"step", step_}, {"validations", validations}}.dump() + "\n");
  dir.commit();
}

void MlmPretrainer::run(const std::function<void(const MlmProgress&)>& progress) {
  MlmProgress report;
  report.steps = settings_.steps;
  double loss_sum = 0;
  int64_t loss_count = 0;
  model_->train();
  while (step_ < settings_.steps) {
    const auto started = std::chrono::steady_clock::now();
    torch::manual_seed(
        tasks::Random::keyed({settings_.seed, kMlmDropout, static_cast<uint64_t>(step_)}).next());
    set_learning_rate(*optimizer_,
                      warmup_linear_decay(step_ + 1, settings_.steps, settings_.warmup_fraction,
                                          settings_.learning_rate));
    const auto masked =
        batch(tasks::Split::train, kMlmTrain, static_cast<uint64_t>(step_), settings_.batch_size);
    nn::BertInputs inputs;
    inputs.input_ids = masked.input_ids;
    inputs.attention_mask = masked.attention_mask;
    optimizer_->zero_grad();
    const auto loss =
        torch::cross_entropy_loss(model_->forward(inputs, masked.positions), masked.labels);
    loss.backward();
    const double value = loss.item<double>();
    if (!finite_step(value, model_->parameters()))
      throw Error("MLM pre-training, step " + std::to_string(step_ + 1) +
                  ": NaN or infinite loss or gradient; stopped. " + out_.string() +
                  " holds the last good save: lower --lr, then --resume");
    if (settings_.clip_value > 0)
      torch::nn::utils::clip_grad_value_(model_->parameters(), settings_.clip_value);
    optimizer_->step();
    ++step_;
    loss_sum += value;
    ++loss_count;
    report.step = step_;
    report.loss = loss_sum / loss_count;
    report.seconds_per_step =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (step_ % settings_.save_every == 0 || step_ == settings_.steps) {
      std::tie(report.validation_loss, report.validation_accuracy) = validate();
      validations_.push_back({step_, report.validation_loss, report.validation_accuracy});
      save();
      loss_sum = 0;
      loss_count = 0;
    }
    if (progress) progress(report);
  }
}

}  // namespace mnemo::train
