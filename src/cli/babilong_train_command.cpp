// mnemo babilong train: curriculum training of a decoder RMT on BABILong-style samples,
// with resume.
#include <torch/torch.h>

#include <iostream>

#include "cli/babilong_options.h"
#include "cli/command.h"
#include "cli/decoder_options.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/train/babilong_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct TrainOptions {
  std::vector<std::string> babi;
  std::vector<std::string> noise = {"data/brown.txt"};
  DecoderModelOptions model;
  std::string curriculum = "1,2,4";
  train::TrainSettings settings;
  std::string out;
  bool resume = false;
};

void run_train(TrainOptions options) {
  const fs::path run_dir = options.out;
  options.settings.curriculum = parse_counts(options.curriculum, "--curriculum");
  auto [model, settings, about] =
      options.model.open_run("babilong train", run_dir, options.resume, options.settings, [&] {
        std::vector<std::string> babi, noise;
        for (const auto& file : options.babi) babi.push_back(fs::absolute(file).string());
        for (const auto& file : noise_files(options.noise)) noise.push_back(file.string());
        return nlohmann::json{{"babi", babi}, {"noise", noise}};
      });
  const auto tasks =
      babilong_tasks(about.at("babi").get<std::vector<std::string>>(),
                     about.at("noise").get<std::vector<std::string>>(), model.tokenizer);
  auto learner = std::make_shared<train::BabilongLearner>(model, tasks);
  train::Trainer trainer(run_dir, learner, settings);
  start_or_resume(trainer, options.resume, about, run_dir);
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
  train->model.add_to(*train_command);
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
