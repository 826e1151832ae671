#include "mnemo/train/memorization_training.h"

#include <cmath>
#include <optional>

#include "mnemo/core/error.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/memorization/duplication.h"
#include "mnemo/memorization/make_data.h"
#include "mnemo/nn/gpt2.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/tokenizer.h"
#include "mnemo/train/sequence_lm_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;
using memorization::DataDescription;
using Description = std::optional<DataDescription>;

nn::Gpt2Config model_config(const MemorizationTrainSettings& settings, int64_t sequence_length,
                            const Description& description) {
  nn::Gpt2Config config;
  // The vocabulary and end-of-text id from make-data's description, or --vocab-size (and
  // id 0 for end of text, as Pythia's) for data made elsewhere.
  config.vocab_size = settings.vocab_size;
  config.bos_token_id = config.eos_token_id = 0;
  if (description) {
    if (config.vocab_size == 0) config.vocab_size = description->field<int64_t>("vocab_size", 0);
    config.bos_token_id = config.eos_token_id = description->field<int64_t>("end_of_text", 0);
  } else if (config.vocab_size == 0) {
    throw Error("memorization train: give --vocab-size (" +
                memorization::data_description_path(settings.data).string() +
                ", which make-data writes, is not there)");
  }
  config.n_layer = settings.layers;
  config.n_embd = settings.width;
  config.n_head = settings.heads;
  config.n_positions = sequence_length;
  // No dropout, as Pythia: every epoch sees each sequence exactly as the scorer will.
  config.resid_pdrop = config.embd_pdrop = config.attn_pdrop = 0;
  config.validate("memorization train");
  return config;
}

// --init must read the data's ids: a vocabulary of the data's size, and the data's very
// tokenizer where both directories still hold one (a Hugging Face GPT-2 need not).
void check_init_vocabulary(const std::string& init, int64_t vocab_size,
                           const DataDescription& description) {
  const auto data_vocab_size = description.field<int64_t>("vocab_size", 0);
  if (data_vocab_size != vocab_size)
    throw file_error(init, "has a vocabulary of " + std::to_string(vocab_size) +
                               " tokens, the data's tokenizer (" + description.path + ") " +
                               std::to_string(data_vocab_size));
  const fs::path data_tokenizer = description.field<std::string>("tokenizer", "");
  if (data_tokenizer.empty() || !text::holds_tokenizer(data_tokenizer) ||
      !text::holds_tokenizer(init))
    return;
  if (const auto difference = text::vocabulary_difference(*text::load_tokenizer(init),
                                                          *text::load_tokenizer(data_tokenizer)))
    throw file_error(init, "has another tokenizer than the data's (" + data_tokenizer.string() +
                               "): " + *difference);
}

// The model of --init, checked against the data: same vocabulary, sequences that fit.
nn::Gpt2LMHeadModel fine_tuned_model(const std::string& init, const io::IndexedDataset& data,
                                     const Description& description) {
  auto model = nn::load_complete_gpt2(init);
  const auto& config = model->config();
  if (description) check_init_vocabulary(init, config.vocab_size, *description);
  if (data.length(0) > config.n_positions)
    throw file_error(init, "reads " + std::to_string(config.n_positions) +
                               " positions, the data's sequences are " +
                               std::to_string(data.length(0)) + " tokens long");
  return model;
}

// Data made with duplicates has its held-out sequences, once each, only in the last
// `--held-out` places make-data was given: any other count would validate on copies of
// training sequences, or train on held-out ones.
void check_held_out(int64_t held_out, const Description& description) {
  if (!description) return;
  const auto made_with = description->field<int64_t>("held_out", 0);
  if (memorization::has_duplicates(
          description->field<std::vector<int64_t>>("distinct_copies", {})) &&
      made_with != held_out)
    throw file_error(description->path,
                     "the data holds repeated sequences and was made with --held-out " +
                         std::to_string(made_with) +
                         ": give memorization train the same --held-out");
}

// Steps for `epochs` passes over the training sequences, rounded up to a multiple of the
// checkpoints so that the last kept model is the final one.
int64_t steps_for(const MemorizationTrainSettings& settings, uint64_t training_sequences) {
  if (settings.epochs <= 0) throw Error("--epochs must be positive");
  if (settings.checkpoints < 1) throw Error("--checkpoints must be at least 1");
  const auto steps = static_cast<int64_t>(
      std::ceil(settings.epochs * training_sequences / settings.settings.batch_size));
  return (steps + settings.checkpoints - 1) / settings.checkpoints * settings.checkpoints;
}

// A new run: its settings, what run.json records, and the model to train.
std::tuple<TrainSettings, nlohmann::json, nn::Gpt2LMHeadModel> new_run(
    const MemorizationTrainSettings& options) {
  Trainer::check_new_run(options.out);
  const io::IndexedDataset data(options.data);
  if (data.size() == 0) throw file_error(data.index_path().string(), "holds no sequences");
  const auto description = memorization::read_data_description(options.data);
  check_held_out(options.held_out, description);
  if (data.size() <= static_cast<uint64_t>(options.held_out))
    throw file_error(data.index_path().string(), "holds " + std::to_string(data.size()) +
                                                     " sequences, not more than --held-out " +
                                                     std::to_string(options.held_out));
  const auto training_sequences = data.size() - options.held_out;
  auto settings = options.settings;
  settings.curriculum = {1};
  settings.stop_at_target = false;  // a language model trains its whole budget
  settings.steps_per_stage = steps_for(options, training_sequences);
  settings.keep_every = settings.steps_per_stage / options.checkpoints;
  settings.validation_samples = options.held_out;
  settings.validate();
  torch::manual_seed(settings.seed);
  auto model = options.init.empty()
                   ? nn::Gpt2LMHeadModel(model_config(options, data.length(0), description))
                   : fine_tuned_model(options.init, data, description);
  nlohmann::json about = {{"data", fs::absolute(data.index_path()).string()},
                          {"held_out", options.held_out},
                          {"training_sequences", training_sequences},
                          {"sequence_length", data.length(0)},
                          {"model", model->config().to_json()}};
  if (description) about["tokenizer"] = description->field<std::string>("tokenizer", "");
  return {settings, about, model};
}

}  // namespace

TrainSettings MemorizationTrainSettings::defaults() {
  TrainSettings settings;
  settings.batch_size = 16;
  settings.learning_rate = 1e-3;
  settings.weight_decay = 0.01;
  settings.validate_every = 100;
  return settings;
}

MemorizationTrainResult train_memorization_model(const MemorizationTrainSettings& options,
                                                 const Progress& progress) {
  const fs::path run_dir = options.out;
  TrainSettings settings;
  nlohmann::json about;
  nn::Gpt2LMHeadModel model{nullptr};
  if (options.resume) {
    std::tie(settings, about) = Trainer::read_run(run_dir);
    model = nn::Gpt2LMHeadModel(nn::Gpt2Config::from_json(about.at("model"), "run.json"));
  } else {
    std::tie(settings, about, model) = new_run(options);
  }
  auto data = std::make_shared<io::IndexedDataset>(about.at("data").get<std::string>());
  const auto tokenizer_dir = about.value("tokenizer", std::string());
  const auto learner = std::make_shared<SequenceLmLearner>(
      model, data, about.at("held_out").get<uint64_t>(),
      tokenizer_dir.empty() ? nullptr : text::load_tokenizer(tokenizer_dir));
  int64_t parameters = 0;
  for (const auto& p : model->parameters()) parameters += p.numel();
  const auto tokens_per_step = settings.batch_size * about.at("sequence_length").get<int64_t>();
  MemorizationTrainResult result;
  result.training_tokens = settings.steps_per_stage * tokens_per_step;
  progress.note(
      std::to_string(parameters) + " parameters; " + std::to_string(learner->training_sequences()) +
      " sequences in order, " + std::to_string(settings.steps_per_stage) + " steps of " +
      std::to_string(settings.batch_size) + " (" + std::to_string(result.training_tokens) +
      " tokens), a model kept every " + std::to_string(settings.keep_every) + " steps");
  Trainer trainer(run_dir, learner, settings);
  result.state = run_training(trainer, options.resume, about, run_dir, progress);
  char final_name[32];
  std::snprintf(final_name, sizeof final_name, "step-%06ld",
                static_cast<long>(settings.steps_per_stage));
  result.final_model = run_dir / final_name;
  return result;
}

}  // namespace mnemo::train
