#include "mnemo/train/scorer_training.h"

#include <numeric>

#include "mnemo/beb/text_scoring.h"
#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/runtime/world.h"
#include "mnemo/tasks/random.h"
#include "mnemo/train/scorer_learner.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;

// Random::keyed stream of the held-out split.
constexpr uint64_t kScorerSplit = 12;

// A file read again on resume, absolute so that a resume from elsewhere finds it.
std::string absolute_or_empty(const fs::path& path) {
  return path.empty() ? std::string() : fs::absolute(path).string();
}

// What run.json records beyond the Trainer's settings: enough to rebuild the data on resume.
// "text" and "labels" as given, as learned-scorer.json always recorded them.
nlohmann::json scorer_run_about(const ScorerTrainSettings& s) {
  const auto& files = s.label_scorer.files;
  return {{"text", s.text},
          {"labels", s.labels.empty() ? "scorer " + s.label_scorer.name : s.labels},
          {"text_file", absolute_or_empty(s.text)},
          {"labels_file", absolute_or_empty(s.labels)},
          {"label_scorer",
           {{"name", s.label_scorer.name},
            {"lexicon", absolute_or_empty(files.lexicon)},
            {"learned_model", absolute_or_empty(files.learned_model)}}},
          {"dim", s.dim},
          {"epochs", s.epochs},
          {"held_out_fraction", s.held_out_fraction},
          {"min_count", s.min_count},
          {"seed", s.seed}};
}

// The settings a run started with, from its run.json's `about`.
ScorerTrainSettings scorer_settings_of(const nlohmann::json& about,
                                       const ScorerTrainSettings& given,
                                       const std::string& source) {
  auto s = given;
  const auto field = [&](const nlohmann::json& json, const char* key, auto fallback) {
    return io::json_field<decltype(fallback)>(json, key, fallback, source);
  };
  s.text = field(about, "text_file", std::string());
  s.labels = field(about, "labels_file", std::string());
  const auto scorer = about.value("label_scorer", nlohmann::json::object());
  s.label_scorer.name = field(scorer, "name", s.label_scorer.name);
  s.label_scorer.files.lexicon = field(scorer, "lexicon", std::string());
  s.label_scorer.files.learned_model = field(scorer, "learned_model", std::string());
  s.dim = field(about, "dim", s.dim);
  s.epochs = field(about, "epochs", s.epochs);
  s.held_out_fraction = field(about, "held_out_fraction", s.held_out_fraction);
  s.min_count = field(about, "min_count", s.min_count);
  s.seed = field(about, "seed", s.seed);
  return s;
}

void check_scorer_settings(const ScorerTrainSettings& s) {
  if (!(s.held_out_fraction >= 0 && s.held_out_fraction < 1))
    throw Error("train-scorer: --held-out must lie in [0, 1)");
  if (s.dim < 1 || s.epochs < 1 || s.batch < 1)
    throw Error("train-scorer: --dim, --epochs and --batch must be positive");
}

// A seeded split of the labelled sentences: the training part, then the held-out part.
std::pair<beb::LabelledSentences, beb::LabelledSentences> split_labelled(
    const beb::LabelledSentences& all, double held_out_fraction, uint64_t seed) {
  std::vector<size_t> order(all.sentences.size());
  std::iota(order.begin(), order.end(), size_t{0});
  auto random = tasks::Random::keyed({seed, kScorerSplit});
  for (size_t j = order.size(); j > 1; --j) std::swap(order[j - 1], order[random.below(j)]);
  const auto held = static_cast<size_t>(held_out_fraction * double(order.size()));
  std::pair<beb::LabelledSentences, beb::LabelledSentences> parts;
  for (size_t j = 0; j < order.size(); ++j) {
    auto& part = j + held < order.size() ? parts.first : parts.second;
    part.sentences.push_back(all.sentences[order[j]]);
    part.labels.push_back(all.labels[order[j]]);
  }
  return parts;
}

}  // namespace

nlohmann::json ScorerTrainResult::held_out_json() const {
  if (held_out.sentences == 0) return nullptr;
  return {{"sentences", held_out.sentences},
          {"mean_squared_error", held_out.mean_squared_error},
          {"correlation", held_out.correlation},
          {"sign_agreement", held_out.sign_agreement}};
}

ScorerTrainResult train_scorer(const ScorerTrainSettings& given, const Progress& progress) {
  const fs::path run_dir = given.out;
  auto options = given;
  TrainSettings settings;
  nlohmann::json about;
  if (given.resume) {
    std::tie(settings, about) = Trainer::read_run(run_dir);
    options = scorer_settings_of(about, given, (run_dir / "run.json").string());
    options.batch = settings.batch_size;
    options.learning_rate = settings.learning_rate;
  } else {
    Trainer::check_new_run(run_dir);
    about = scorer_run_about(options);
  }
  check_scorer_settings(options);
  const auto labelled =
      beb::read_labelled_sentences(options.text, options.labels, options.label_scorer);
  auto [training, held_out] = split_labelled(labelled, options.held_out_fraction, options.seed);
  if (training.sentences.size() < 2) throw Error("train-scorer: fewer than 2 training sentences");
  auto features = beb::learned_feature_vocabulary(training.sentences, options.min_count);
  if (features.empty())
    throw Error("train-scorer: no word occurs " + std::to_string(options.min_count) +
                " times in the training sentences");
  const auto n = static_cast<int64_t>(training.sentences.size());
  const int64_t steps_per_epoch = (n + options.batch - 1) / options.batch;
  if (!given.resume) {
    settings.curriculum = {1};
    settings.batch_size = options.batch;
    settings.learning_rate = options.learning_rate;
    // Adam at a rate decaying linearly to 0, no clipping: the scorer's own recipe.
    settings.weight_decay = 0;
    settings.warmup_fraction = 0;
    settings.clip_value = 0;
    settings.stop_at_target = false;  // the scorer trains its whole budget of epochs
    settings.steps_per_stage = (options.epochs * n + options.batch - 1) / options.batch;
    // One validation, at the end, so the final model is the last weights; a checkpoint
    // each epoch to resume from.
    settings.validate_every = settings.steps_per_stage;
    settings.checkpoint_every = steps_per_epoch;
    settings.validation_samples = std::max<int64_t>(1, int64_t(held_out.sentences.size()));
    settings.seed = options.seed;
    settings.validate();
    about["training_sentences"] = n;
  }
  ScorerTrainResult result;
  result.features = features.size();
  result.training_sentences = n;
  torch::manual_seed(options.seed);
  auto scorer = beb::LearnedScorer::untrained(std::move(features), options.dim);
  progress.note(std::to_string(result.features) + " features; " + std::to_string(n) +
                " training sentences, " + std::to_string(held_out.sentences.size()) +
                " held out; " + std::to_string(settings.steps_per_stage) + " steps of " +
                std::to_string(settings.batch_size));
  const auto learner = std::make_shared<ScorerLearner>(std::move(scorer), std::move(training),
                                                       held_out, about, options.seed);
  Trainer trainer(run_dir, learner, settings);
  result.state = run_training(trainer, given.resume, about, run_dir, progress);
  result.held_out = beb::scorer_quality(learner->scorer(), held_out.sentences, held_out.labels);
  // The final scorer at the run's top: `--scorer-model RUN` reads it.
  auto final_about = about;
  final_about["held_out"] = result.held_out_json();
  if (runtime::world().leader()) learner->scorer().write_files(run_dir, final_about);
  return result;
}

}  // namespace mnemo::train
