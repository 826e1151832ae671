#include "mnemo/train/rmt_training.h"

#include <sstream>

#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/train/encoder_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;

// A new run: its settings, what run.json records beside them, and the model to train.
std::tuple<TrainSettings, nlohmann::json, rmt::RmtModel> new_rmt_run(
    const RmtTrainSettings& options, const Progress& progress) {
  Trainer::check_new_run(options.out);
  const auto settings = options.schedule();
  settings.validate();
  const auto spec = options.task.spec(tasks::TaskSpec{});
  std::vector<std::string> noise;
  for (const auto& file : tasks::noise_files(options.task.noise)) noise.push_back(file.string());
  const auto& init = options.start.init;
  nlohmann::json about = {{"task", spec.to_json()},
                          {"noise", noise},
                          {"init", init.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(fs::absolute(init).string())},
                          {"geometry", init.empty() ? options.start.geometry : "from --init"}};
  torch::manual_seed(settings.seed);
  auto model = rmt::build_model(options.start, tasks::task_labels(spec), spec.to_json(), progress);
  return {settings, about, model};
}

// "task memorize, curriculum 1 2 segments of 51 tokens (segment 64, memory 10), batch 32,
// lr 0.0001"
std::string describe_run(const tasks::TaskSpec& spec, const TrainSettings& settings,
                         const rmt::RmtConfig& config) {
  std::ostringstream line;
  line << "task " << spec.name() << ", curriculum";
  for (const auto segments : settings.curriculum) line << " " << segments;
  line << " segments of " << config.usable() << " tokens (segment " << config.segment_size
       << ", memory " << config.memory_size << "), batch " << settings.batch_size << ", lr "
       << settings.learning_rate;
  return line.str();
}

}  // namespace

TrainedModel train_rmt(const RmtTrainSettings& options, const Progress& progress) {
  const fs::path run_dir = options.out;
  rmt::RmtModel model;
  TrainSettings settings;
  nlohmann::json about;
  if (options.resume) {
    std::tie(settings, about) = Trainer::read_run(run_dir);
    model = rmt::load_rmt(run_dir / "checkpoint");
  } else {
    std::tie(settings, about, model) = new_rmt_run(options, progress);
  }
  const auto spec = tasks::TaskSpec::from_json(about.at("task"), (run_dir / "run.json").string());
  std::vector<fs::path> noise;
  for (const auto& file : about.at("noise")) noise.emplace_back(file.get<std::string>());
  progress.note("reading noise from " + std::to_string(noise.size()) + " file(s)...");
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise, *model.tokenizer);
  const auto task = std::make_shared<tasks::TaskGenerator>(spec, model.tokenizer, corpus,
                                                           model.model->config().labels);
  Trainer trainer(run_dir, std::make_shared<EncoderLearner>(model, task), settings);
  progress.note(describe_run(spec, settings, model.model->config()));
  TrainedModel result;
  result.state = run_training(trainer, options.resume, about, run_dir, progress);
  result.model = run_dir / "model";
  return result;
}

}  // namespace mnemo::train
