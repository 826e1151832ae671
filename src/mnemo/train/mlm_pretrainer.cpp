#include "mnemo/train/mlm_pretrainer.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/tasks/task_choice.h"
#include "mnemo/train/mlm_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;

struct MlmRun {
  TrainSettings settings;
  nlohmann::json about;  // run.json's: data, tokenizer, geometry, sequence_length, mask_fraction
  nn::BertForMaskedLM model{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
};

// A new run: refused where `out` holds one already, before anything is read.
MlmRun new_mlm_run(const BertPretrainSettings& options) {
  Trainer::check_new_run(options.out);
  const auto& mlm = options.settings;
  if (mlm.steps < 1 || mlm.batch_size < 1 || mlm.save_every < 1)
    throw Error("--steps, --batch and --save-every must be >= 1");
  if (options.tokenizer.empty()) throw Error("bert pretrain: give --tokenizer DIR (or --resume)");
  MlmRun run;
  run.settings = mlm.train_settings();
  run.settings.validate();
  std::vector<std::string> data;
  for (const auto& file : tasks::noise_files(options.data)) data.push_back(file.string());
  run.tokenizer = text::load_tokenizer(options.tokenizer);
  torch::manual_seed(run.settings.seed);
  run.model = nn::BertForMaskedLM(
      nn::BertModel(nn::bert_geometry(options.geometry, run.tokenizer->vocab_size())));
  const int64_t sequence_length = mlm.sequence_length > 0
                                      ? mlm.sequence_length
                                      : run.model->bert->config().max_position_embeddings;
  run.about = {{"data", data},
               {"tokenizer", fs::absolute(options.tokenizer).string()},
               {"geometry", options.geometry},
               {"sequence_length", sequence_length},
               {"mask_fraction", mlm.mask_fraction}};
  return run;
}

// The run in `out`, from its run.json and last checkpoint (which holds the tokenizer).
MlmRun resumed_mlm_run(const fs::path& run_dir) {
  MlmRun run;
  std::tie(run.settings, run.about) = Trainer::read_run(run_dir);
  run.model = nn::load_bert_mlm(run_dir / "checkpoint");
  run.tokenizer = text::load_tokenizer(run_dir / "checkpoint");
  return run;
}

}  // namespace

TrainSettings MlmSettings::train_settings() const {
  TrainSettings settings;
  settings.curriculum = {1};
  settings.steps_per_stage = steps;
  settings.batch_size = batch_size;
  settings.learning_rate = learning_rate;
  settings.weight_decay = weight_decay;
  settings.warmup_fraction = warmup_fraction;
  settings.clip_value = clip_value;
  settings.validate_every = save_every;
  settings.validation_samples = validation_sequences;
  settings.stop_at_target = false;  // pre-training spends its whole budget
  settings.seed = seed;
  return settings;
}

BertPretrainResult pretrain_bert(const BertPretrainSettings& options, const Progress& progress) {
  const fs::path run_dir = options.out;
  auto run = options.resume ? resumed_mlm_run(run_dir) : new_mlm_run(options);
  const auto source = (run_dir / "run.json").string();
  std::vector<fs::path> data;
  for (const auto& file : io::json_field<std::vector<std::string>>(run.about, "data", {}, source))
    data.emplace_back(file);
  progress.note("reading text from " + std::to_string(data.size()) + " file(s)...");
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(data, *run.tokenizer);
  const auto learner = std::make_shared<MlmLearner>(
      run.model, run.tokenizer, corpus,
      io::json_field<int64_t>(run.about, "sequence_length", 0, source),
      io::json_field<double>(run.about, "mask_fraction", 0.15, source));
  Trainer trainer(run_dir, learner, run.settings);
  BertPretrainResult result;
  result.state = run_training(trainer, options.resume, run.about, run_dir, progress);
  for (const auto& stage : result.state.stages) result.steps += stage["steps"].get<int64_t>();
  result.model = run_dir / "model";
  return result;
}

}  // namespace mnemo::train
