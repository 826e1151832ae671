// mnemo babilong train: curriculum training of a decoder RMT on BABILong-style samples,
// with resume.
#include <torch/torch.h>

#include <iostream>

#include "cli/babilong_options.h"
#include "cli/command.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/train/babilong_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct TrainOptions {
  std::vector<std::string> babi;
  std::vector<std::string> noise = {"data/brown.txt"};
  std::string geometry = "small";
  std::string tokenizer;
  std::string init;
  int64_t memory_size = 16;
  int64_t segment_size = 128;
  std::string curriculum = "1,2,4";
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};

rmt::DecoderRmtModel new_model(const TrainOptions& options) {
  nn::Gpt2LMHeadModel lm{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  if (!options.init.empty()) {
    auto loaded = nn::load_gpt2(options.init);
    if (!loaded.report.missing.empty()) std::cerr << loaded.report.summary();
    lm = loaded.model;
    tokenizer = text::load_tokenizer(options.tokenizer.empty() ? options.init : options.tokenizer);
  } else {
    if (options.tokenizer.empty())
      throw Error("babilong train: give --tokenizer DIR for a new --config model, or --init DIR");
    tokenizer = text::load_tokenizer(options.tokenizer);
    auto config = nn::gpt2_geometry(options.geometry, tokenizer->vocab_size());
    config.bos_token_id = config.eos_token_id = text::end_of_text_id(*tokenizer);
    lm = nn::Gpt2LMHeadModel(config);
  }
  return {rmt::MemoryDecoder(lm, options.memory_size, options.segment_size), tokenizer,
          nlohmann::json{{"babi", options.babi}}};
}

void run_train(TrainOptions options) {
  const fs::path run_dir = options.out;
  rmt::DecoderRmtModel model;
  train::TrainSettings settings;
  nlohmann::json about;
  if (options.resume) {
    std::tie(settings, about) = train::Trainer::read_run(run_dir);
    model = rmt::load_decoder_rmt(run_dir / "checkpoint");
  } else {
    settings = options.settings;
    settings.curriculum = parse_counts(options.curriculum, "--curriculum");
    settings.validate();
    std::vector<std::string> babi, noise;
    for (const auto& file : options.babi) babi.push_back(fs::absolute(file).string());
    for (const auto& file : noise_files(options.noise)) noise.push_back(file.string());
    options.babi = babi;
    about = {{"babi", babi},
             {"noise", noise},
             {"init", options.init.empty() ? nlohmann::json(nullptr)
                                           : nlohmann::json(fs::absolute(options.init).string())},
             {"geometry", options.init.empty() ? options.geometry : "from --init"}};
    torch::manual_seed(settings.seed);
    model = new_model(options);
  }
  const auto tasks =
      babilong_tasks(about.at("babi").get<std::vector<std::string>>(),
                     about.at("noise").get<std::vector<std::string>>(), model.tokenizer);
  auto learner = std::make_shared<train::BabilongLearner>(model, tasks);
  train::Trainer trainer(run_dir, learner, settings);
  if (options.resume) {
    trainer.resume();
    std::cerr << "resuming " << run_dir.string() << " at stage " << trainer.state().stage + 1
              << ", step " << trainer.state().step << "\n";
  } else {
    trainer.start(about);
  }
  std::cerr << "BABILong";
  for (const auto& task : tasks) std::cerr << " " << task->name();
  std::cerr << ", curriculum";
  for (auto s : settings.curriculum) std::cerr << " " << s;
  std::cerr << " segments of " << model.model->segment_size() << " tokens (memory "
            << model.model->memory_size() << "), inputs of "
            << learner->input_tokens(settings.curriculum.front()) << ".."
            << learner->input_tokens(settings.curriculum.back()) << " tokens, batch "
            << settings.batch_size << ", lr " << settings.learning_rate << "\n";
  run_with_progress(trainer);
  std::cout << "model: " << (run_dir / "model").string() << "\n";
}

}  // namespace

void add_babilong_train_command(CLI::App& babilong, Action& action) {
  auto train = std::make_shared<TrainOptions>();
  auto* train_command = babilong.add_subcommand(
      "train", "curriculum training of a decoder RMT on BABILong-style samples");
  train_command->add_option("--babi", train->babi, "bAbI files, one per task (qa1, qa2, ...)")
      ->check(CLI::ExistingFile);
  train_command
      ->add_option("--noise", train->noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
  train_command
      ->add_option("--config", train->geometry, "GPT-2 geometry for a new model: tiny, small, gpt2")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "gpt2"}));
  train_command->add_option("--tokenizer", train->tokenizer, "tokenizer directory for a new model")
      ->check(CLI::ExistingDirectory);
  train_command->add_option("--init", train->init, "start from a Hugging Face GPT-2 directory")
      ->check(CLI::ExistingDirectory);
  train_command->add_option("--memory", train->memory_size, "memory tokens")->capture_default_str();
  train_command->add_option("--segment-size", train->segment_size, "tokens per segment")
      ->capture_default_str();
  train->settings.learning_rate = 1e-4;
  train->settings.weight_decay = 0.01;
  add_train_settings_options(*train_command, train->settings, train->curriculum);
  train_command
      ->add_option("--out", train->out, "run directory (checkpoints, log, stage models, model/)")
      ->required();
  train_command->add_flag(
      "--resume", train->resume,
      "continue the run in --out from its last checkpoint, with its own settings");
  train_command->callback([&action, train] { action = [train] { run_train(*train); }; });
}

}  // namespace mnemo::cli
