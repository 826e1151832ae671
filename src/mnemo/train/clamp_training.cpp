#include "mnemo/train/clamp_training.h"

#include <torch/torch.h>

#include <sstream>

#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/m3_model.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/core/error.h"
#include "mnemo/runtime/process_group.h"
#include "mnemo/text/byte_level_bpe_trainer.h"
#include "mnemo/train/clamp_learner.h"
#include "mnemo/train/m3_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;

// The pairs a run's `about` names: generated tunes or a WikiMT-format file.
std::vector<clamp::MusicTextPair> clamp_run_pairs(const nlohmann::json& about) {
  if (about.contains("synthetic"))
    return clamp::synthetic_tunes(about.at("seed").get<uint64_t>(),
                                  about.at("synthetic").get<int64_t>());
  return clamp::read_music_text_json(about.at("data").get<std::string>());
}

std::string clamp_run_source(const nlohmann::json& about) {
  return about.contains("data") ? about["data"].get<std::string>() : "synthetic tunes";
}

// A byte-level BPE vocabulary with RoBERTa's special tokens, from every candidate text of
// the training pieces.
void learn_clamp_tokenizer(const std::vector<clamp::MusicTextPair>& train, int64_t vocab_size,
                           const fs::path& directory, const Progress& progress) {
  std::vector<std::string> texts;
  for (const auto& pair : train)
    for (const auto& text : clamp::candidate_texts(pair)) texts.push_back(text);
  progress.note("learning a byte-level BPE vocabulary of " + std::to_string(vocab_size) +
                " tokens from " + std::to_string(texts.size()) + " texts");
  text::BpeTrainingOptions options;
  options.vocab_size = vocab_size;
  options.special_tokens = {"<s>", "<pad>", "</s>", "<unk>", "<mask>"};
  train_byte_level_bpe(texts, options, directory);
}

// A run's settings and `about`: read back on resume; else from the settings (one stage),
// with the data, geometry and seed recorded in `about`.
std::pair<TrainSettings, nlohmann::json> clamp_run_start(const ClampRunSettings& run,
                                                         const std::string& command) {
  if (run.resume) return Trainer::read_run(run.out);
  Trainer::check_new_run(run.out);
  if (run.data.empty() == (run.synthetic == 0))
    throw Error(command + ": give --data FILE.json or --synthetic N");
  const auto settings = run.schedule();  // one stage: the curriculum is "1"
  settings.validate();
  nlohmann::json about = {
      {"config", run.config}, {"max_patches", run.max_patches}, {"seed", settings.seed}};
  if (run.synthetic > 0)
    about["synthetic"] = run.synthetic;
  else
    about["data"] = fs::absolute(run.data).string();
  return {settings, about};
}

// A new CLaMP model of the run's geometry, its tokenizer learnt or given, its music encoder
// from M3 where asked; `about` records the tokenizer and the M3 model.
clamp::ClampModel new_clamp_model(const ClampTrainSettings& options, const TrainSettings& settings,
                                  const std::vector<clamp::MusicTextPair>& train_pairs,
                                  nlohmann::json& about, const Progress& progress) {
  const fs::path run_dir = options.out;
  fs::path tokenizer_dir = options.tokenizer;
  if (tokenizer_dir.empty()) {
    tokenizer_dir = run_dir / "tokenizer";
    // Rank 0 learns it; the other ranks read what it wrote.
    if (runtime::world().leader())
      learn_clamp_tokenizer(train_pairs, options.vocab_size, tokenizer_dir, progress);
    if (auto* ranks = runtime::process_group()) ranks->barrier();
  }
  about["tokenizer"] = fs::absolute(tokenizer_dir).string();
  const clamp::ClampTokenizer probe(tokenizer_dir, 128);
  torch::manual_seed(settings.seed);
  clamp::ClampModel model(
      clamp::clamp_geometry(options.config, probe.vocab_size(), options.max_patches));
  clamp::init_clamp_weights(*model);
  if (!options.init_m3.empty()) {
    clamp::load_m3_into_clamp(options.init_m3, *model);
    progress.note("music encoder from the M3 model in " + options.init_m3);
    about["init_m3"] = fs::absolute(options.init_m3).string();
  }
  return model;
}

}  // namespace

TrainedModel train_clamp(const ClampTrainSettings& options, const Progress& progress) {
  const fs::path run_dir = options.out;
  auto [settings, about] = clamp_run_start(options, "clamp train");
  if (!options.resume) about["text_dropout"] = options.text_dropout;
  const auto pairs = clamp_run_pairs(about);
  const auto train_pairs = clamp::select_split(pairs, clamp::DataSplit::train);
  const auto validation_pairs = clamp::select_split(pairs, clamp::DataSplit::validation);
  const std::string source = clamp_run_source(about);

  const auto model = options.resume
                         ? clamp::load_clamp(run_dir / "checkpoint").model
                         : new_clamp_model(options, settings, train_pairs, about, progress);
  auto tokenizer = std::make_shared<const clamp::ClampTokenizer>(
      about.at("tokenizer").get<std::string>(), model->config().max_text_tokens);
  const bool text_dropout = about.at("text_dropout").get<bool>();
  auto learner = std::make_shared<ClampLearner>(model, tokenizer, train_pairs, validation_pairs,
                                                text_dropout, source);
  int64_t parameters = 0;
  for (const auto& p : model->parameters()) parameters += p.numel();
  std::ostringstream line;
  line << "CLaMP " << about.at("config").get<std::string>() << " (" << parameters
       << " parameters), " << train_pairs.size() << " training and " << validation_pairs.size()
       << " validation pieces from " << source << ", batch " << settings.batch_size << ", lr "
       << settings.learning_rate << ", text dropout " << (text_dropout ? "on" : "off");
  progress.note(line.str());
  Trainer trainer(run_dir, learner, settings);
  return {run_training(trainer, options.resume, about, run_dir, progress), run_dir / "model"};
}

TrainedModel pretrain_m3(const M3PretrainSettings& options, const Progress& progress) {
  const fs::path run_dir = options.out;
  const auto [settings, about] = clamp_run_start(options, "clamp pretrain-m3");
  const auto pairs = clamp_run_pairs(about);
  const std::string source = clamp_run_source(about);
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
  auto learner =
      std::make_shared<M3Learner>(model, clamp::select_split(pairs, clamp::DataSplit::train),
                                  clamp::select_split(pairs, clamp::DataSplit::validation), source);
  std::ostringstream line;
  line << "M3 masked-music pre-training (" << about.at("config").get<std::string>() << ") on "
       << source << ", batch " << settings.batch_size << ", lr " << settings.learning_rate
       << "; validation: characters of chosen patches rebuilt";
  progress.note(line.str());
  Trainer trainer(run_dir, learner, settings);
  return {run_training(trainer, options.resume, about, run_dir, progress), run_dir / "model"};
}

}  // namespace mnemo::train
