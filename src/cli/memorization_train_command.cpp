// mnemo memorization make-data | train: the study's own training data and model family.
// make-data cuts tokenized text into fixed-length sequences (a Megatron indexed dataset, as
// Pythia's Pile); train fits a plain GPT-2 on them in file order, several epochs, keeping
// the model at evenly spaced steps, so that every model and checkpoint saw the same
// sequences in the same order and `memorization score` can ask which it memorized.
#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/io/json_file.h"
#include "mnemo/memorization/duplication.h"
#include "mnemo/nn/gpt2.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/token_stream.h"
#include "mnemo/text/tokenizer.h"
#include "mnemo/train/sequence_lm_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

// What make-data records beside the dataset, as PREFIX.json.
fs::path data_description_path(const fs::path& prefix) {
  auto path = prefix;
  if (path.extension() == ".idx" || path.extension() == ".bin") path.replace_extension();
  return path.string() + ".json";
}

struct MakeDataOptions {
  std::vector<std::string> texts;
  std::string tokenizer, out;
  int64_t sequence_length = 64;
  int64_t max_sequences = 0;
  std::string copies = "1";
  uint64_t held_out = 0;
  uint64_t seed = 0;
  bool line_aligned = false;
};

// Sequences that each start a text: end-of-text, then whole lines from a line's start; the
// line that does not fit is cut and the next sequence starts at the line after it. A model
// trained on them has seen end-of-text followed by the start of a sentence, which is how
// prompts begin (mnemo beb).
std::vector<std::vector<int64_t>> line_aligned_sequences(const std::vector<std::string>& texts,
                                                         const text::Tokenizer& tokenizer,
                                                         int64_t length, int64_t max_sequences) {
  const auto end_of_text = static_cast<int64_t>(text::end_of_text_id(tokenizer));
  std::vector<std::vector<int64_t>> sequences;
  std::vector<int64_t> sequence{end_of_text};
  for (const auto& name : texts) {
    std::ifstream in(name);
    if (!in) throw file_error(name, "cannot be read");
    std::string line;
    while (std::getline(in, line)) {
      if (max_sequences > 0 && static_cast<int64_t>(sequences.size()) >= max_sequences)
        return sequences;
      for (const auto id : tokenizer.encode(line)) {
        sequence.push_back(id);
        if (static_cast<int64_t>(sequence.size()) == length) break;
      }
      if (static_cast<int64_t>(sequence.size()) == length) {
        sequences.push_back(std::move(sequence));
        sequence = {end_of_text};
      }
    }
  }
  return sequences;
}

void run_make_data(const MakeDataOptions& options) {
  if (options.sequence_length < 2) throw Error("--seq-len must be at least 2");
  const auto tokenizer = text::load_tokenizer(options.tokenizer);
  const auto end_of_text = static_cast<int64_t>(text::end_of_text_id(*tokenizer));
  std::vector<std::vector<int64_t>> distinct;
  std::vector<int64_t> pending;
  const auto full = [&] {
    return options.max_sequences > 0 &&
           static_cast<int64_t>(distinct.size()) >= options.max_sequences;
  };
  const auto take = [&](int64_t id) {
    if (full()) return;
    pending.push_back(id);
    if (static_cast<int64_t>(pending.size()) == options.sequence_length) {
      distinct.push_back(std::move(pending));
      pending.clear();
    }
  };
  std::vector<std::string> texts;
  for (const auto& name : options.texts) texts.push_back(fs::absolute(name).string());
  if (options.line_aligned) {
    distinct = line_aligned_sequences(options.texts, *tokenizer, options.sequence_length,
                                      options.max_sequences);
  } else {
    for (const auto& name : options.texts) {
      text::tokenize_files({name}, *tokenizer, [&](const std::vector<int32_t>& ids, uint64_t) {
        for (const auto id : ids) take(id);
      });
      take(end_of_text);
    }
  }
  if (distinct.empty())
    throw Error("make-data: the text holds fewer than --seq-len " +
                std::to_string(options.sequence_length) + " tokens");
  const auto data = memorization::duplicate_sequences(
      distinct, parse_counts(options.copies, "--copies"), options.held_out, options.seed);
  const auto& sequences = data.sequences;
  const auto dtype = io::token_dtype_for(tokenizer->vocab_size());
  io::write_indexed_dataset(options.out, sequences, dtype);
  // Scores depend on a sequence's tokens only: with duplicates, scoring each distinct
  // sequence once (in text order, the held-out ones last) says all.
  const auto distinct_prefix = options.out + "-distinct";
  if (memorization::has_duplicates(data.distinct_copies))
    io::write_indexed_dataset(distinct_prefix, distinct, dtype);
  const nlohmann::json description = {{"texts", texts},
                                      {"tokenizer", fs::absolute(options.tokenizer).string()},
                                      {"vocab_size", tokenizer->vocab_size()},
                                      {"end_of_text", end_of_text},
                                      {"sequence_length", options.sequence_length},
                                      {"sequences", sequences.size()},
                                      {"held_out", options.held_out},
                                      {"distinct_copies", data.distinct_copies}};
  io::write_file_atomic(data_description_path(options.out), description.dump(2) + "\n");
  std::cout << sequences.size() << " sequences of " << options.sequence_length << " tokens -> "
            << options.out << ".idx/.bin\n";
  if (memorization::has_duplicates(data.distinct_copies))
    std::cout << distinct.size() << " distinct sequences (the held-out last) -> " << distinct_prefix
              << ".idx/.bin\n";
}

struct TrainOptions {
  std::string data, out;
  std::string init;        // a GPT-2 model directory to fine-tune instead of a new model
  int64_t vocab_size = 0;  // 0: from the data's description
  int64_t layers = 2, width = 128, heads = 4;
  int64_t held_out = 64;
  double epochs = 4;
  int64_t checkpoints = 8;
  train::TrainSettings settings;
  bool resume = false;
};

// What make-data recorded beside the data; absent for data made elsewhere.
struct DataDescription {
  std::string path;
  nlohmann::json json;

  template <typename T>
  T field(const std::string& key, const T& fallback) const {
    return io::json_field<T>(json, key, fallback, path);
  }
};

std::optional<DataDescription> read_data_description(const std::string& prefix) {
  const auto path = data_description_path(prefix);
  if (!fs::exists(path)) return std::nullopt;
  return DataDescription{path.string(), io::read_json_file(path)};
}

nn::Gpt2Config model_config(const TrainOptions& options, int64_t sequence_length,
                            const std::optional<DataDescription>& description) {
  nn::Gpt2Config config;
  // The vocabulary and end-of-text id from make-data's description, or --vocab-size (and
  // id 0 for end of text, as Pythia's) for data made elsewhere.
  config.vocab_size = options.vocab_size;
  config.bos_token_id = config.eos_token_id = 0;
  if (description) {
    if (config.vocab_size == 0) config.vocab_size = description->field<int64_t>("vocab_size", 0);
    config.bos_token_id = config.eos_token_id = description->field<int64_t>("end_of_text", 0);
  } else if (config.vocab_size == 0) {
    throw Error("memorization train: give --vocab-size (" +
                data_description_path(options.data).string() +
                ", which make-data writes, is not there)");
  }
  config.n_layer = options.layers;
  config.n_embd = options.width;
  config.n_head = options.heads;
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
                                     const std::optional<DataDescription>& description) {
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
void check_held_out(const TrainOptions& options,
                    const std::optional<DataDescription>& description) {
  if (!description) return;
  const auto made_with = description->field<int64_t>("held_out", 0);
  if (memorization::has_duplicates(
          description->field<std::vector<int64_t>>("distinct_copies", {})) &&
      made_with != options.held_out)
    throw file_error(description->path,
                     "the data holds repeated sequences and was made with --held-out " +
                         std::to_string(made_with) +
                         ": give memorization train the same --held-out");
}

// Steps for `epochs` passes over the training sequences, rounded up to a multiple of the
// checkpoints so that the last kept model is the final one.
int64_t steps_for(const TrainOptions& options, uint64_t training_sequences) {
  if (options.epochs <= 0) throw Error("--epochs must be positive");
  if (options.checkpoints < 1) throw Error("--checkpoints must be at least 1");
  const auto steps = static_cast<int64_t>(
      std::ceil(options.epochs * training_sequences / options.settings.batch_size));
  return (steps + options.checkpoints - 1) / options.checkpoints * options.checkpoints;
}

void run_train(const TrainOptions& options) {
  const fs::path run_dir = options.out;
  train::TrainSettings settings;
  nlohmann::json about;
  nn::Gpt2LMHeadModel model{nullptr};
  if (options.resume) {
    std::tie(settings, about) = train::Trainer::read_run(run_dir);
    model = nn::Gpt2LMHeadModel(nn::Gpt2Config::from_json(about.at("model"), "run.json"));
  } else {
    train::Trainer::check_new_run(run_dir);
    const io::IndexedDataset data(options.data);
    if (data.size() == 0) throw file_error(data.index_path().string(), "holds no sequences");
    const auto description = read_data_description(options.data);
    check_held_out(options, description);
    if (data.size() <= static_cast<uint64_t>(options.held_out))
      throw file_error(data.index_path().string(), "holds " + std::to_string(data.size()) +
                                                       " sequences, not more than --held-out " +
                                                       std::to_string(options.held_out));
    const auto training_sequences = data.size() - options.held_out;
    settings = options.settings;
    settings.curriculum = {1};
    settings.target_accuracy = 2.0;  // a language model trains its whole budget
    settings.steps_per_stage = steps_for(options, training_sequences);
    settings.keep_every = settings.steps_per_stage / options.checkpoints;
    settings.validation_samples = options.held_out;
    settings.validate();
    torch::manual_seed(settings.seed);
    model = options.init.empty()
                ? nn::Gpt2LMHeadModel(model_config(options, data.length(0), description))
                : fine_tuned_model(options.init, data, description);
    about = {{"data", fs::absolute(data.index_path()).string()},
             {"held_out", options.held_out},
             {"training_sequences", training_sequences},
             {"sequence_length", data.length(0)},
             {"model", model->config().to_json()}};
    if (description) about["tokenizer"] = description->field<std::string>("tokenizer", "");
  }
  auto data = std::make_shared<io::IndexedDataset>(about.at("data").get<std::string>());
  const auto tokenizer_dir = about.value("tokenizer", std::string());
  const auto learner = std::make_shared<train::SequenceLmLearner>(
      model, data, about.at("held_out").get<uint64_t>(),
      tokenizer_dir.empty() ? nullptr : text::load_tokenizer(tokenizer_dir));
  int64_t parameters = 0;
  for (const auto& p : model->parameters()) parameters += p.numel();
  const auto tokens_per_step = settings.batch_size * about.at("sequence_length").get<int64_t>();
  std::cerr << parameters << " parameters; " << learner->training_sequences()
            << " sequences in order, " << settings.steps_per_stage << " steps of "
            << settings.batch_size << " (" << settings.steps_per_stage * tokens_per_step
            << " tokens), a model kept every " << settings.keep_every << " steps\n";
  train::Trainer trainer(run_dir, learner, settings);
  start_or_resume(trainer, options.resume, about, run_dir);
  run_with_progress(trainer);
  char final_name[32];
  std::snprintf(final_name, sizeof final_name, "step-%06ld",
                static_cast<long>(settings.steps_per_stage));
  std::cout << "final model: " << (run_dir / final_name).string() << " ("
            << settings.steps_per_stage * tokens_per_step << " training tokens)\n";
}

}  // namespace

void add_memorization_train_commands(CLI::App& memorization, Action& action) {
  auto make_data = std::make_shared<MakeDataOptions>();
  auto* make_data_command = memorization.add_subcommand(
      "make-data", "cut tokenized text into fixed-length training sequences (indexed dataset)");
  make_data_command->add_option("--text", make_data->texts, "plain-text files, in order")
      ->required()
      ->check(CLI::ExistingFile);
  make_data_command->add_option("--tokenizer", make_data->tokenizer, "tokenizer directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  make_data_command->add_option("--seq-len", make_data->sequence_length, "tokens per sequence")
      ->capture_default_str();
  make_data_command->add_option("--max-sequences", make_data->max_sequences,
                                "distinct sequences to cut (0 = all the text)");
  make_data_command
      ->add_option("--copies", make_data->copies,
                   "copies of each distinct training sequence, cycling, e.g. 1,2,4,8 "
                   "(copies at seeded random places)")
      ->capture_default_str();
  make_data_command
      ->add_option("--held-out", make_data->held_out,
                   "the last distinct sequences, once each at the end (for train --held-out)")
      ->capture_default_str();
  make_data_command->add_option("--seed", make_data->seed, "seed of the copies' places")
      ->capture_default_str();
  make_data_command->add_flag("--line-aligned", make_data->line_aligned,
                              "start every sequence with end-of-text and a line's start (text "
                              "with one sentence or document per line)");
  make_data_command
      ->add_option(
          "--out", make_data->out,
          "PREFIX: writes PREFIX.idx, PREFIX.bin, PREFIX.json (and PREFIX-distinct.idx/.bin "
          "with --copies)")
      ->required();
  make_data_command->callback(
      [&action, make_data] { action = [make_data] { run_make_data(*make_data); }; });

  auto train = std::make_shared<TrainOptions>();
  auto* train_command = memorization.add_subcommand(
      "train", "train a GPT-2 on indexed-dataset sequences in order, keeping step-NNNNNN/ models");
  train_command->add_option("--data", train->data, "indexed dataset PREFIX (not with --resume)");
  auto* vocab_size = train_command->add_option("--vocab-size", train->vocab_size,
                                               "vocabulary (default: PREFIX.json from make-data)");
  auto* init = train_command
                   ->add_option("--init", train->init,
                                "GPT-2 model directory to fine-tune (its geometry is kept)")
                   ->check(CLI::ExistingDirectory);
  init->excludes(vocab_size);
  init->excludes(train_command->add_option("--layers", train->layers, "decoder blocks")
                     ->capture_default_str());
  init->excludes(
      train_command->add_option("--width", train->width, "model width d")->capture_default_str());
  init->excludes(
      train_command->add_option("--heads", train->heads, "attention heads")->capture_default_str());
  train_command
      ->add_option("--held-out", train->held_out,
                   "the file's last sequences, never trained on, for validation")
      ->capture_default_str();
  train_command->add_option("--epochs", train->epochs, "passes over the training sequences")
      ->capture_default_str();
  train_command
      ->add_option("--checkpoints", train->checkpoints,
                   "models kept at evenly spaced steps, the last being the final model")
      ->capture_default_str();
  auto& settings = train->settings;
  settings.batch_size = 16;
  settings.learning_rate = 1e-3;
  settings.weight_decay = 0.01;
  settings.validate_every = 100;
  train_command->add_option("--batch", settings.batch_size, "sequences per step")
      ->capture_default_str();
  train_command->add_option("--lr", settings.learning_rate, "peak learning rate (AdamW)")
      ->capture_default_str();
  train_command->add_option("--weight-decay", settings.weight_decay, "AdamW weight decay")
      ->capture_default_str();
  train_command->add_option("--warmup", settings.warmup_fraction, "warmup fraction of the steps")
      ->capture_default_str();
  train_command
      ->add_option("--validate-every", settings.validate_every, "steps between validations")
      ->capture_default_str();
  train_command->add_option("--seed", settings.seed, "seed of the initialisation")
      ->capture_default_str();
  train_command->add_option("--out", train->out, "run directory")->required();
  train_command->add_flag("--resume", train->resume, "continue the run in --out");
  train_command->callback([&action, train] {
    if (!train->resume && train->data.empty())
      throw CLI::ValidationError("--data", "give the training sequences (or --resume)");
    action = [train] { run_train(*train); };
  });
}

}  // namespace mnemo::cli
