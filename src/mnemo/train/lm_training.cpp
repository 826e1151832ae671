#include "mnemo/train/lm_training.h"

#include "mnemo/train/decoder_run.h"
#include "mnemo/train/lm_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {

TrainSettings LmTrainSettings::defaults() {
  TrainSettings settings;
  settings.learning_rate = 3e-4;
  settings.weight_decay = 0.01;
  settings.batch_size = 8;
  return settings;
}

TrainedModel train_language_model(const LmTrainSettings& options, const Progress& progress) {
  const std::filesystem::path run_dir = options.out;
  auto settings = options.settings;
  if (!options.resume) {
    settings = options.schedule();
    settings.stop_at_target = false;  // a language model trains its whole budget
  }
  const auto run = open_decoder_run(
      "lm train", options.start, run_dir, options.resume, settings,
      [&] {
        std::vector<std::string> data;
        for (const auto& file : text_files(options.data)) data.push_back(file.string());
        return nlohmann::json{{"data", data}};
      },
      progress);
  std::vector<std::filesystem::path> data;
  for (const auto& file : run.about.at("data")) data.emplace_back(file.get<std::string>());
  progress.note("tokenizing " + std::to_string(data.size()) + " file(s)...");
  const auto text = std::make_shared<TokenText>(data, *run.model.tokenizer);
  progress.note(std::to_string(text->tokens(tasks::Split::train)) + " training and " +
                std::to_string(text->tokens(tasks::Split::validation)) + " validation tokens");
  Trainer trainer(run_dir, std::make_shared<LmLearner>(run.model, text), run.settings);
  TrainedModel result;
  result.state = run_training(trainer, options.resume, run.about, run_dir, progress);
  result.model = run_dir / "model";
  return result;
}

}  // namespace mnemo::train
