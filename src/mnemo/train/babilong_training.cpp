#include "mnemo/train/babilong_training.h"

#include <sstream>

#include "mnemo/tasks/babilong_tasks.h"
#include "mnemo/tasks/task_choice.h"
#include "mnemo/train/babilong_learner.h"
#include "mnemo/train/decoder_run.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

// "BABILong qa1 qa2, curriculum 1 2 4 segments of 128 tokens (memory 16), inputs of 96..480
// tokens, batch 32, lr 0.0001"
std::string describe_babilong_run(
    const BabilongLearner& learner,
    const std::vector<std::shared_ptr<const tasks::BabilongGenerator>>& tasks,
    const rmt::MemoryDecoderImpl& model, const TrainSettings& settings) {
  std::ostringstream line;
  line << "BABILong";
  for (const auto& task : tasks) line << " " << task->name();
  line << ", curriculum";
  for (const auto segments : settings.curriculum) line << " " << segments;
  line << " segments of " << model.segment_size() << " tokens (memory " << model.memory_size()
       << "), inputs of " << learner.input_tokens(settings.curriculum.front()) << ".."
       << learner.input_tokens(settings.curriculum.back()) << " tokens, batch "
       << settings.batch_size << ", lr " << settings.learning_rate;
  return line.str();
}

}  // namespace

TrainSettings BabilongTrainSettings::defaults() {
  TrainSettings settings;
  settings.learning_rate = 1e-4;
  settings.weight_decay = 0.01;
  return settings;
}

TrainedModel train_babilong(const BabilongTrainSettings& options, const Progress& progress) {
  const std::filesystem::path run_dir = options.out;
  const auto settings = options.resume ? options.settings : options.schedule();
  const auto run = open_decoder_run(
      "babilong train", options.start, run_dir, options.resume, settings,
      [&] {
        std::vector<std::string> babi, noise;
        for (const auto& file : options.babi)
          babi.push_back(std::filesystem::absolute(file).string());
        for (const auto& file : tasks::noise_files(options.noise)) noise.push_back(file.string());
        return nlohmann::json{{"babi", babi}, {"noise", noise}};
      },
      progress);
  const auto tasks = tasks::babilong_tasks(run.about.at("babi").get<std::vector<std::string>>(),
                                           run.about.at("noise").get<std::vector<std::string>>(),
                                           run.model.tokenizer, progress);
  const auto learner = std::make_shared<BabilongLearner>(run.model, tasks);
  Trainer trainer(run_dir, learner, run.settings);
  progress.note(describe_babilong_run(*learner, tasks, *run.model.model, run.settings));
  TrainedModel result;
  result.state = run_training(trainer, options.resume, run.about, run_dir, progress);
  result.model = run_dir / "model";
  return result;
}

}  // namespace mnemo::train
