// mnemo rmt train: curriculum training of an encoder RMT on a task, with resume.
#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/train/encoder_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct TrainOptions {
  TaskOptions task;
  std::string geometry = "small";
  std::string tokenizer;
  std::string init;
  int64_t memory_size = 10;
  int64_t segment_size = 0;
  std::string curriculum = "1,2,3";
  std::string loss = "last";
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};

int64_t default_segment_size(const std::string& geometry) {
  return geometry == "tiny" ? 64 : geometry == "small" ? 128 : 512;
}

// For each of `labels`, its row in the head trained on `previous`; none unless both name
// the same answers (in any order: bAbI files sort theirs, the generated tasks do not).
std::optional<std::vector<int64_t>> head_rows(const std::vector<std::string>& previous,
                                              const std::vector<std::string>& labels) {
  if (previous.size() != labels.size()) return std::nullopt;
  std::vector<int64_t> rows;
  for (const auto& label : labels) {
    const auto found = std::find(previous.begin(), previous.end(), label);
    if (found == previous.end()) return std::nullopt;
    rows.push_back(found - previous.begin());
  }
  return rows;
}

// --init from an RMT model directory, e.g. an earlier step of a curriculum: its memory rows
// and answer head go on with the backbone when the memory size and answers are the same.
rmt::RmtModel build_from_rmt(const TrainOptions& options, const std::vector<std::string>& labels,
                             const tasks::TaskSpec& spec) {
  auto previous = rmt::load_rmt(options.init);
  auto config = previous.model->config();
  auto tokenizer =
      options.tokenizer.empty() ? previous.tokenizer : text::load_tokenizer(options.tokenizer);
  const int64_t segment_size = options.segment_size ? options.segment_size : config.segment_size;
  const auto rows = head_rows(config.labels, labels);
  if (config.memory_size == options.memory_size && rows) {
    config.segment_size = segment_size;
    config.labels = labels;
    config.task = spec.to_json();
    config.validate("rmt train --init " + options.init);
    rmt::RmtModel model{rmt::MemoryEncoder(nn::BertModel(previous.model->bert->config()), config),
                        tokenizer};
    rmt::load_rmt_weights(options.init, model);
    torch::NoGradGuard no_grad;
    const auto order = torch::tensor(*rows);
    auto& head = model.model->classifier;
    head->weight.copy_(head->weight.index_select(0, order));
    head->bias.copy_(head->bias.index_select(0, order));
    std::cerr << "starting from " << options.init << ": backbone, memory rows and answer head\n";
    return model;
  }
  std::cerr << "starting from the backbone of " << options.init
            << " (new memory rows and head: " << (rows ? "another memory size" : "other answers")
            << ")\n";
  auto backbone = previous.model->bert;
  backbone->resize_token_embeddings(config.memory_token_id);  // without the old memory rows
  return rmt::new_rmt(backbone, tokenizer, options.memory_size, segment_size, labels,
                      spec.to_json());
}

// A new model from --config/--tokenizer or --init, as the options ask.
rmt::RmtModel build_model(const TrainOptions& options, const std::vector<std::string>& labels,
                          const tasks::TaskSpec& spec) {
  if (!options.init.empty() && fs::exists(fs::path(options.init) / "rmt.json"))
    return build_from_rmt(options, labels, spec);
  nn::BertModel backbone{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  int64_t segment_size = options.segment_size;
  if (!options.init.empty()) {
    auto loaded = nn::load_bert(options.init);
    // A pre-training head (cls.*) is expected to be left behind; anything else is worth a word.
    std::vector<std::string> unexpected;
    for (const auto& key : loaded.report.unexpected)
      if (key.rfind("cls.", 0) != 0) unexpected.push_back(key);
    if (!loaded.report.missing.empty() || !unexpected.empty()) {
      nn::LoadReport report{loaded.report.missing, unexpected};
      std::cerr << report.summary();
    }
    backbone = loaded.model;
    tokenizer = text::load_tokenizer(options.tokenizer.empty() ? options.init : options.tokenizer);
    if (segment_size == 0)
      segment_size = std::min<int64_t>(512, backbone->config().max_position_embeddings);
  } else {
    if (options.tokenizer.empty())
      throw Error("rmt train: give --tokenizer DIR for a new --config backbone, or --init DIR");
    tokenizer = text::load_tokenizer(options.tokenizer);
    backbone = nn::BertModel(nn::bert_geometry(options.geometry, tokenizer->vocab_size()));
    if (segment_size == 0) segment_size = default_segment_size(options.geometry);
  }
  return rmt::new_rmt(backbone, tokenizer, options.memory_size, segment_size, labels,
                      spec.to_json());
}

void run_train(TrainOptions options) {
  const fs::path run_dir = options.out;
  rmt::RmtModel model;
  train::TrainSettings settings;
  nlohmann::json about;
  if (options.resume) {
    std::tie(settings, about) = train::Trainer::read_run(run_dir);
    model = rmt::load_rmt(run_dir / "checkpoint");
  } else {
    settings = options.settings;
    settings.curriculum = parse_counts(options.curriculum, "--curriculum");
    settings.loss_all_segments = options.loss == "all";
    settings.validate();
    const auto spec = options.task.spec(tasks::TaskSpec{});
    std::vector<std::string> noise;
    for (const auto& file : noise_files(options.task.noise)) noise.push_back(file.string());
    about = {{"task", spec.to_json()},
             {"noise", noise},
             {"init", options.init.empty() ? nlohmann::json(nullptr)
                                           : nlohmann::json(fs::absolute(options.init).string())},
             {"geometry", options.init.empty() ? options.geometry : "from --init"}};
    torch::manual_seed(settings.seed);
    model = build_model(options, tasks::task_labels(spec), spec);
  }
  const auto spec = tasks::TaskSpec::from_json(about.at("task"), (run_dir / "run.json").string());
  std::vector<fs::path> noise;
  for (const auto& file : about.at("noise")) noise.emplace_back(file.get<std::string>());
  std::cerr << "reading noise from " << noise.size() << " file(s)...\n";
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise, *model.tokenizer);
  const auto task = std::make_shared<tasks::TaskGenerator>(spec, model.tokenizer, corpus,
                                                           model.model->config().labels);
  train::Trainer trainer(run_dir, std::make_shared<train::EncoderLearner>(model, task), settings);
  start_or_resume(trainer, options.resume, about, run_dir);
  const auto& config = model.model->config();
  std::cerr << "task " << spec.name() << ", curriculum";
  for (auto s : settings.curriculum) std::cerr << " " << s;
  std::cerr << " segments of " << config.usable() << " tokens (segment " << config.segment_size
            << ", memory " << config.memory_size << "), batch " << settings.batch_size << ", lr "
            << settings.learning_rate << "\n";

  run_with_progress(trainer);
  std::cout << "model: " << (run_dir / "model").string() << "\n";
}

}  // namespace

void add_rmt_train_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<TrainOptions>();
  auto& s = options->settings;
  auto* train = rmt.add_subcommand("train", "curriculum training on a synthetic or bAbI task");
  options->task.add_to(*train);
  train
      ->add_option("--config", options->geometry,
                   "backbone geometry for a new model: tiny, small, base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  train->add_option("--tokenizer", options->tokenizer, "tokenizer directory for a new backbone")
      ->check(CLI::ExistingDirectory);
  train
      ->add_option("--init", options->init,
                   "start from a Hugging Face BERT directory (e.g. from `mnemo bert pretrain`) or "
                   "an RMT model directory (its memory and head too when the answers are the same)")
      ->check(CLI::ExistingDirectory);
  train->add_option("--memory", options->memory_size, "memory tokens")->capture_default_str();
  train->add_option("--segment-size", options->segment_size,
                    "BERT input per segment (default: 64 tiny, 128 small, 512 base)");
  add_train_settings_options(*train, s, options->curriculum);
  train
      ->add_option("--loss", options->loss,
                   "last: loss on the last segment; all: sum over segments")
      ->capture_default_str()
      ->check(CLI::IsMember({"last", "all"}));
  train->add_flag("--mixed-lengths", s.mixed_lengths,
                  "a stage of n segments trains on samples of 1..n segments");
  train->add_option("--out", options->out, "run directory (checkpoints, log, stage models, model/)")
      ->required();
  train->add_flag("--resume", options->resume,
                  "continue the run in --out from its last checkpoint, with its own settings");
  train->callback([&action, options] { action = [options] { run_train(*options); }; });
}

}  // namespace mnemo::cli
