// mnemo lm train | eval: language modelling on text files with a decoder RMT on GPT-2; the
// model kept every N steps as its own directory (Pythia style), perplexity on held-out text.
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "cli/decoder_options.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/train/lm_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

// Evaluation windows come from their own stream of the validation text.
constexpr uint64_t kEvaluationStream = 4;

struct TrainOptions {
  std::vector<std::string> data;
  DecoderModelOptions model;
  std::string curriculum = "1";
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};

std::vector<fs::path> text_files(const std::vector<std::string>& names) {
  std::vector<fs::path> files;
  for (const auto& name : names) files.push_back(fs::absolute(name));
  if (files.empty()) throw Error("give the text to train on with --data FILE...");
  return files;
}

void run_train(TrainOptions options) {
  const fs::path run_dir = options.out;
  options.settings.curriculum = parse_counts(options.curriculum, "--curriculum");
  options.settings.target_accuracy = 2.0;  // a language model trains its whole budget
  auto [model, settings, about] =
      options.model.open_run("lm train", run_dir, options.resume, options.settings, [&] {
        std::vector<std::string> data;
        for (const auto& file : text_files(options.data)) data.push_back(file.string());
        return nlohmann::json{{"data", data}};
      });
  std::vector<fs::path> data;
  for (const auto& file : about.at("data")) data.emplace_back(file.get<std::string>());
  std::cerr << "tokenizing " << data.size() << " file(s)...\n";
  const auto text = std::make_shared<train::TokenText>(data, *model.tokenizer);
  std::cerr << text->tokens(tasks::Split::train) << " training and "
            << text->tokens(tasks::Split::validation) << " validation tokens\n";
  train::Trainer trainer(run_dir, std::make_shared<train::LmLearner>(model, text), settings);
  start_or_resume(trainer, options.resume, about, run_dir);
  run_with_progress(trainer);
  std::cout << "model: " << (run_dir / "model").string() << "\n";
}

struct EvalOptions {
  std::string model;
  std::vector<std::string> data;
  int64_t segments = 1;
  int64_t windows = 64;
  int64_t batch = 8;
  uint64_t seed = 1;
  bool json = false;
};

void run_eval(const EvalOptions& options) {
  auto rmt = rmt::load_decoder_rmt(rmt_model_directory(options.model));
  // All of the given text is held out: the windows come from anywhere in it.
  const train::TokenText text(text_files(options.data), *rmt.tokenizer, 1.0);
  const tasks::SampleSet set{tasks::Split::validation, options.seed, kEvaluationStream,
                             options.segments, options.windows};
  const auto result = train::lm_perplexity(*rmt.model, text, set, options.batch);
  if (options.json) {
    std::cout << nlohmann::json{{"model", options.model},     {"segments", options.segments},
                                {"windows", options.windows}, {"tokens", result.tokens},
                                {"loss", result.loss},        {"perplexity", result.perplexity}}
                     .dump()
              << "\n";
  } else {
    std::printf("perplexity %.3f (loss %.4f nats over %ld tokens, %ld windows of %ld segments)\n",
                result.perplexity, result.loss, static_cast<long>(result.tokens),
                static_cast<long>(options.windows), static_cast<long>(options.segments));
  }
}

}  // namespace

void add_lm_command(CLI::App& app, Action& action) {
  auto* lm = app.add_subcommand("lm", "language modelling with a decoder RMT on GPT-2");
  lm->require_subcommand(1);

  auto train = std::make_shared<TrainOptions>();
  auto* train_command = lm->add_subcommand(
      "train", "train on text files; --keep-every N keeps step-NNNNNN/ model directories");
  train_command->add_option("--data", train->data, "plain-text files (not with --resume)")
      ->check(CLI::ExistingFile);
  train->model.add_to(*train_command);
  train->settings.learning_rate = 3e-4;
  train->settings.weight_decay = 0.01;
  train->settings.batch_size = 8;
  add_train_settings_options(*train_command, train->settings, train->curriculum);
  train_command
      ->add_option("--out", train->out, "run directory (checkpoints, log, step-*/, model/)")
      ->required();
  train_command->add_flag("--resume", train->resume,
                          "continue the run in --out from its last checkpoint");
  train_command->callback([&action, train] { action = [train] { run_train(*train); }; });

  auto eval = std::make_shared<EvalOptions>();
  auto* eval_command =
      lm->add_subcommand("eval", "perplexity on windows of text files the model did not train on");
  eval_command->add_option("--model", eval->model, "decoder RMT model directory")->required();
  eval_command->add_option("--data", eval->data, "plain-text files")
      ->required()
      ->check(CLI::ExistingFile);
  eval_command->add_option("--segments", eval->segments, "segments per window")
      ->capture_default_str();
  eval_command->add_option("--windows", eval->windows, "windows drawn at seeded offsets")
      ->capture_default_str();
  eval_command->add_option("--batch", eval->batch, "windows per forward pass")
      ->capture_default_str();
  eval_command->add_option("--seed", eval->seed, "seed of the offsets")->capture_default_str();
  eval_command->add_flag("--json", eval->json, "the result as JSON");
  eval_command->callback([&action, eval] { action = [eval] { run_eval(*eval); }; });
}

}  // namespace mnemo::cli
