// mnemo clamp pretrain-m3: masked-music pre-training of the music encoder (M3).
// mnemo clamp train: contrastive training of a CLaMP model from scratch on music-text pairs
// (WikiMT-format JSON, or generated tunes), with resume and the best model by validation
// retrieval. Without --tokenizer, a byte-level BPE vocabulary is learnt from the training
// texts first.
#include <torch/torch.h>

#include <iostream>

#include "cli/clamp_actions.h"
#include "cli/command.h"
#include "cli/train_options.h"
#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/m3_model.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/core/error.h"
#include "mnemo/text/byte_level_bpe_trainer.h"
#include "mnemo/train/clamp_learner.h"
#include "mnemo/train/m3_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

std::vector<clamp::MusicTextPair> training_data(const nlohmann::json& about) {
  if (about.contains("synthetic"))
    return clamp::synthetic_tunes(about.at("seed").get<uint64_t>(),
                                  about.at("synthetic").get<int64_t>());
  return clamp::read_music_text_json(about.at("data").get<std::string>());
}

// A byte-level BPE vocabulary with RoBERTa's special tokens, from every candidate text of
// the training pieces.
void learn_tokenizer(const std::vector<clamp::MusicTextPair>& train, int64_t vocab_size,
                     const fs::path& directory) {
  std::vector<std::string> texts;
  for (const auto& pair : train)
    for (const auto& text : clamp::candidate_texts(pair)) texts.push_back(text);
  std::cerr << "learning a byte-level BPE vocabulary of " << vocab_size << " tokens from "
            << texts.size() << " texts\n";
  text::BpeTrainingOptions options;
  options.vocab_size = vocab_size;
  options.special_tokens = {"<s>", "<pad>", "</s>", "<unk>", "<mask>"};
  train_byte_level_bpe(texts, options, directory);
}

// A run's settings and `about`: read back on --resume; else from the options (one stage),
// with the data, geometry and seed recorded in `about`.
template <typename Options>
std::pair<train::TrainSettings, nlohmann::json> run_settings(const Options& options,
                                                             const std::string& command) {
  if (options.resume) return train::Trainer::read_run(options.out);
  train::Trainer::check_new_run(options.out);
  if (options.data.empty() == (options.synthetic == 0))
    throw Error(command + ": give --data FILE.json or --synthetic N");
  train::TrainSettings settings = options.settings;
  settings.curriculum = {1};
  settings.validate();
  nlohmann::json about = {
      {"config", options.config}, {"max_patches", options.max_patches}, {"seed", settings.seed}};
  if (options.synthetic > 0)
    about["synthetic"] = options.synthetic;
  else
    about["data"] = fs::absolute(options.data).string();
  return {settings, about};
}

}  // namespace

void run_clamp_train(ClampTrainOptions options) {
  const fs::path run_dir = options.out;
  auto [settings, about] = run_settings(options, "clamp train");
  if (!options.resume) about["text_dropout"] = !options.no_text_dropout;
  const auto pairs = training_data(about);
  const auto train_pairs = clamp::select_split(pairs, clamp::DataSplit::train);
  const auto validation_pairs = clamp::select_split(pairs, clamp::DataSplit::validation);
  const std::string source =
      about.contains("data") ? about["data"].get<std::string>() : "synthetic tunes";

  clamp::ClampModel model{nullptr};
  if (options.resume) {
    model = clamp::load_clamp(run_dir / "checkpoint").model;
  } else {
    fs::path tokenizer_dir = options.tokenizer;
    if (tokenizer_dir.empty()) {
      tokenizer_dir = run_dir / "tokenizer";
      learn_tokenizer(train_pairs, options.vocab_size, tokenizer_dir);
    }
    about["tokenizer"] = fs::absolute(tokenizer_dir).string();
    const clamp::ClampTokenizer probe(tokenizer_dir, 128);
    torch::manual_seed(settings.seed);
    model = clamp::ClampModel(
        clamp::clamp_geometry(options.config, probe.vocab_size(), options.max_patches));
    clamp::init_clamp_weights(*model);
    if (!options.init_m3.empty()) {
      clamp::load_m3_into_clamp(options.init_m3, *model);
      std::cerr << "music encoder from the M3 model in " << options.init_m3 << "\n";
      about["init_m3"] = fs::absolute(options.init_m3).string();
    }
  }
  auto tokenizer = std::make_shared<const clamp::ClampTokenizer>(
      about.at("tokenizer").get<std::string>(), model->config().max_text_tokens);
  auto learner =
      std::make_shared<train::ClampLearner>(model, tokenizer, train_pairs, validation_pairs,
                                            about.at("text_dropout").get<bool>(), source);
  train::Trainer trainer(run_dir, learner, settings);
  start_or_resume(trainer, options.resume, about, run_dir);
  int64_t parameters = 0;
  for (const auto& p : model->parameters()) parameters += p.numel();
  std::cerr << "CLaMP " << about.at("config").get<std::string>() << " (" << parameters
            << " parameters), " << train_pairs.size() << " training and " << validation_pairs.size()
            << " validation pieces from " << source << ", batch " << settings.batch_size << ", lr "
            << settings.learning_rate << ", text dropout "
            << (about.at("text_dropout").get<bool>() ? "on" : "off") << "\n";
  run_with_progress(trainer);
  std::cout << "model: " << (run_dir / "model").string() << "\n";
}

namespace {

struct PretrainM3Options {
  std::string data;
  int64_t synthetic = 0;
  std::string config = "tiny";
  int64_t max_patches = 256;
  std::string curriculum = "1";
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};

void run_pretrain_m3(const PretrainM3Options& options) {
  const fs::path run_dir = options.out;
  const auto [settings, about] = run_settings(options, "clamp pretrain-m3");
  const auto pairs = training_data(about);
  const std::string source =
      about.contains("data") ? about["data"].get<std::string>() : "synthetic tunes";
  clamp::M3Model model{nullptr};
  if (options.resume) {
    model = clamp::load_m3(run_dir / "checkpoint");
  } else {
    torch::manual_seed(settings.seed);
    const auto geometry = clamp::clamp_geometry(about.at("config").get<std::string>(), 8,
                                                about.at("max_patches").get<int64_t>());
    model = clamp::M3Model(geometry.music, geometry.max_patches);
    nn::init_bert_weights(*model->music_enc->enc);
  }
  auto learner = std::make_shared<train::M3Learner>(
      model, clamp::select_split(pairs, clamp::DataSplit::train),
      clamp::select_split(pairs, clamp::DataSplit::validation), source);
  train::Trainer trainer(run_dir, learner, settings);
  start_or_resume(trainer, options.resume, about, run_dir);
  std::cerr << "M3 masked-music pre-training (" << about.at("config").get<std::string>() << ") on "
            << source << ", batch " << settings.batch_size << ", lr " << settings.learning_rate
            << "; validation: characters of chosen patches rebuilt\n";
  run_with_progress(trainer);
  std::cout << "model: " << (run_dir / "model").string() << "\n";
}

// --data/--synthetic, --config, --max-patches, the train settings (one stage), --out and
// --resume: what both training commands take.
template <typename Options>
void add_data_and_run_options(CLI::App& command, Options& options) {
  command
      .add_option("--data", options.data,
                  "WikiMT-format JSON: [{title, artist, genre, music, text}]")
      ->check(CLI::ExistingFile);
  command.add_option("--synthetic", options.synthetic, "use N generated tunes instead");
  command.add_option("--config", options.config, "geometry: tiny or small")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small"}));
  command.add_option("--max-patches", options.max_patches, "patches per piece (bars + headers)")
      ->capture_default_str();
  options.settings.learning_rate = 5e-4;
  options.settings.weight_decay = 0.01;
  options.settings.steps_per_stage = 1000;
  options.settings.validate_every = 50;
  options.settings.target_accuracy = 1.0;
  add_train_settings_options(command, options.settings, options.curriculum);
  for (const char* unused : {"--curriculum", "--bptt", "--bptt-depth", "--validation-samples"})
    command.remove_option(command.get_option(unused));
  command.add_option("--out", options.out, "run directory (checkpoints, log, model/)")->required();
  command.add_flag("--resume", options.resume,
                   "continue the run in --out from its last checkpoint, with its own settings");
}

}  // namespace

void add_clamp_pretrain_m3_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<PretrainM3Options>();
  auto* command = clamp.add_subcommand("pretrain-m3",
                                       "masked-music pre-training of CLaMP's music encoder (M3)");
  add_data_and_run_options(*command, *options);
  command->callback([&action, options] { action = [options] { run_pretrain_m3(*options); }; });
}

void add_clamp_train_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<ClampTrainOptions>();
  auto* command = clamp.add_subcommand(
      "train", "contrastive training of a CLaMP model from scratch on music-text pairs");
  add_data_and_run_options(*command, *options);
  command
      ->add_option("--tokenizer", options->tokenizer,
                   "byte-level BPE directory with <s> <pad> </s> (default: learnt here)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--vocab-size", options->vocab_size, "size of the vocabulary learnt here")
      ->capture_default_str();
  command
      ->add_option("--init-m3", options->init_m3,
                   "start the music encoder from an M3 model (clamp pretrain-m3)")
      ->check(CLI::ExistingDirectory);
  command->add_flag("--no-text-dropout", options->no_text_dropout,
                    "train on each piece's full text instead of a random subset of its texts");
  command->callback([&action, options] { action = [options] { run_clamp_train(*options); }; });
}

}  // namespace mnemo::cli
