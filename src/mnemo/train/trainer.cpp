#include "mnemo/train/trainer.h"

#include <chrono>
#include <cmath>
#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/runtime/process_group.h"
#include "mnemo/train/optimization.h"

namespace mnemo::train {
namespace {

namespace fs = std::filesystem;

// Streams of Random::keyed, so that training, validation and dropout never share draws.
enum TrainerStream : uint64_t { kTrainSamples = 1, kValidationSamples = 2, kTrainerDropout = 3 };

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Trainer::Trainer(fs::path run_dir, std::shared_ptr<Learner> learner, TrainSettings settings)
    : run_dir_(std::move(run_dir)),
      learner_(std::move(learner)),
      settings_(std::move(settings)),
      ranks_(runtime::process_group()) {
  settings_.validate();
  new_optimizer();
}

void Trainer::check_new_run(const fs::path& run_dir) {
  // The run directory is rank 0's: another rank may find the run.json rank 0 just wrote.
  if (!runtime::world().leader()) return;
  if (fs::exists(run_dir / "run.json"))
    throw file_error(
        run_dir.string(),
        "already holds a training run: continue it with --resume, or choose another --out");
}

void Trainer::start(const nlohmann::json& about) {
  if (!leader()) return;
  check_new_run(run_dir_);
  fs::create_directories(run_dir_);
  io::write_file_atomic(
      run_dir_ / "run.json",
      nlohmann::json{{"settings", settings_.to_json()}, {"about", about}}.dump(2) + "\n");
  save_checkpoint();
}

std::pair<TrainSettings, nlohmann::json> Trainer::read_run(const fs::path& run_dir) {
  const auto path = run_dir / "run.json";
  if (!fs::exists(path)) throw file_error(run_dir.string(), "holds no training run (no run.json)");
  const auto json = io::read_json_file(path);
  return {TrainSettings::from_json(json.value("settings", nlohmann::json::object()), path.string()),
          json.value("about", nlohmann::json::object())};
}

void Trainer::resume() {
  const auto checkpoint = run_dir_ / "checkpoint";
  learner_->load_weights(checkpoint);
  const auto state_path = checkpoint / "state.json";
  state_ = TrainState::from_json(io::read_json_file(state_path), state_path.string());
  if (state_.stage > settings_.curriculum.size())
    throw file_error(state_path.string(), "stage lies beyond the curriculum");
  new_optimizer();
  load_optimizer(checkpoint, *optimizer_);
}

void Trainer::new_optimizer() {
  optimizer_ = make_adamw(learner_->parameters(), settings_.learning_rate, settings_.weight_decay);
}

int64_t Trainer::total_steps() const {
  int64_t total = state_.step;
  for (const auto& stage : state_.stages) total += stage["steps"].get<int64_t>();
  return total;
}

std::string Trainer::where() const {
  return "stage " + std::to_string(state_.stage + 1) + " (" +
         std::to_string(settings_.curriculum[state_.stage]) + " segments), step " +
         std::to_string(state_.step + 1);
}

double Trainer::train_step(int64_t segments) {
  const auto stage = static_cast<uint64_t>(state_.stage), step = static_cast<uint64_t>(state_.step);
  const double learning_rate = settings_.learning_rate_at(state_.step + 1);
  set_learning_rate(*optimizer_, learning_rate);
  optimizer_->zero_grad();
  BatchRequest request;
  request.segments = segments;
  request.run_step = total_steps();
  request.random = [&](int64_t i) {
    return tasks::Random::keyed(
        {settings_.seed, kTrainSamples, stage, step, static_cast<uint64_t>(i)});
  };
  request.dropout_seed =
      tasks::Random::keyed({settings_.seed, kTrainerDropout, stage, step}).next();
  if (ranks_ != nullptr) {
    request.rank = ranks_->world().rank;
    request.ranks = ranks_->world().size;
  }
  double loss = learner_->accumulate_batch(request, settings_);
  const auto parameters = learner_->parameters();
  if (ranks_ != nullptr) {
    // Each rank computed its share of the batch: the sums are the whole batch's.
    ranks_->sum_gradients(parameters);
    loss = ranks_->sum(loss);
  }
  if (!finite_step(loss, parameters))
    throw Error(where() + ": NaN or infinite loss or gradient (loss " + std::to_string(loss) +
                "); training stopped. The last good checkpoint is " +
                (run_dir_ / "checkpoint").string() +
                " (untouched): lower --lr or raise --warmup, or continue it with --resume");
  if (settings_.clip_value > 0)
    torch::nn::utils::clip_grad_value_(parameters, settings_.clip_value);
  optimizer_->step();
  return loss;
}

double Trainer::validate(int64_t segments) {
  tasks::SampleSet set;
  set.split = tasks::Split::validation;
  set.seed = settings_.seed;
  set.stream = kValidationSamples;
  set.segments = segments;
  set.samples = settings_.validation_samples;
  if (ranks_ == nullptr) return learner_->accuracy(set, settings_).fraction();
  set.rank = ranks_->world().rank;
  set.ranks = ranks_->world().size;
  const auto part = learner_->accuracy(set, settings_);
  return Tally{ranks_->sum(part.right), ranks_->sum(part.total)}.fraction();
}

bool Trainer::leader() const { return ranks_ == nullptr || ranks_->world().leader(); }

void Trainer::save_model(const fs::path& dir) const {
  if (!leader()) return;
  io::AtomicDirectory out(dir);
  learner_->save(out);
  out.commit();
}

void Trainer::save_checkpoint() const {
  if (!leader()) return;
  io::AtomicDirectory out(run_dir_ / "checkpoint");
  learner_->save(out);
  save_optimizer(out, *optimizer_);
  out.write_file("state.json", state_.to_json().dump(2) + "\n");
  out.commit();
}

void Trainer::append_log(const nlohmann::json& line) const {
  if (!leader()) return;
  std::ofstream log(run_dir_ / "log.jsonl", std::ios::app);
  log << line.dump() << "\n";
  if (!log) throw file_error((run_dir_ / "log.jsonl").string(), "cannot append to the log");
}

TrainState Trainer::run(const ProgressCallback& progress) {
  const auto& curriculum = settings_.curriculum;
  // Every rank starts from rank 0's weights, however each built or loaded its own.
  if (ranks_ != nullptr) ranks_->broadcast(learner_->parameters());
  while (!state_.finished) {
    const int64_t segments = curriculum[state_.stage];
    TrainProgress report;
    report.stage = state_.stage;
    report.stages = curriculum.size();
    report.segments = segments;
    report.stage_steps = settings_.steps_per_stage;
    report.best_accuracy = state_.best_accuracy;
    double loss_sum = 0;
    int64_t loss_count = 0;
    bool stage_done = false;
    while (!stage_done) {
      const auto started = std::chrono::steady_clock::now();
      const double loss = train_step(segments);
      ++state_.step;
      loss_sum += loss;
      ++loss_count;
      report.event = TrainProgress::Event::step;
      report.step = state_.step;
      report.loss = loss_sum / loss_count;
      report.learning_rate = settings_.learning_rate_at(state_.step);
      report.seconds_per_step = seconds_since(started);
      state_.seconds += report.seconds_per_step;
      if (progress) progress(report);

      const bool budget_spent = state_.step >= settings_.steps_per_stage;
      if (state_.step % settings_.validate_every == 0 || budget_spent) {
        const auto validation_start = std::chrono::steady_clock::now();
        const double accuracy = validate(segments);
        state_.seconds += seconds_since(validation_start);
        if (accuracy > state_.best_accuracy) {
          state_.best_accuracy = accuracy;
          state_.best_step = state_.step;
          save_model(run_dir_ / ("stage-" + std::to_string(state_.stage + 1)));
        }
        stage_done =
            budget_spent || (settings_.stop_at_target && accuracy >= settings_.target_accuracy);
        report.event = TrainProgress::Event::validation;
        report.accuracy = accuracy;
        report.best_accuracy = state_.best_accuracy;
        if (!stage_done) save_checkpoint();
        append_log({{"stage", state_.stage + 1},
                    {"segments", segments},
                    {"step", state_.step},
                    {"loss", report.loss},
                    {"learning_rate", report.learning_rate},
                    {"accuracy", accuracy},
                    {"best_accuracy", state_.best_accuracy},
                    {"seconds", state_.seconds}});
        if (progress) progress(report);
        loss_sum = 0;
        loss_count = 0;
      } else if (state_.step % settings_.effective_checkpoint_every() == 0) {
        save_checkpoint();
      }
      if (settings_.keep_every > 0 && total_steps() % settings_.keep_every == 0) {
        char name[32];
        std::snprintf(name, sizeof name, "step-%06ld", static_cast<long>(total_steps()));
        save_model(run_dir_ / name);
      }
    }
    // The next stage starts from this stage's best weights, with a fresh optimizer; the other
    // ranks read them once rank 0 has written them.
    const auto best_dir = run_dir_ / ("stage-" + std::to_string(state_.stage + 1));
    if (ranks_ != nullptr) ranks_->barrier();
    learner_->load_weights(best_dir);
    state_.stages.push_back({{"stage", state_.stage + 1},
                             {"segments", segments},
                             {"steps", state_.step},
                             {"best_accuracy", state_.best_accuracy},
                             {"best_step", state_.best_step},
                             {"seconds", state_.seconds}});
    report.event = TrainProgress::Event::stage_done;
    if (progress) progress(report);
    if (state_.stage + 1 == curriculum.size()) {
      save_model(run_dir_ / "model");
      state_.finished = true;
    } else {
      ++state_.stage;
      state_.step = 0;
      state_.best_accuracy = -1;
      state_.best_step = 0;
      new_optimizer();
    }
    save_checkpoint();
  }
  return state_;
}

TrainState run_training(Trainer& trainer, bool resume, const nlohmann::json& about,
                        const fs::path& run_dir, const Progress& progress) {
  if (resume) {
    trainer.resume();
    progress.note("resuming " + run_dir.string() + " at stage " +
                  std::to_string(trainer.state().stage + 1) + ", step " +
                  std::to_string(trainer.state().step));
  } else {
    trainer.start(about);
  }
  return trainer.run(report_to(progress));
}

}  // namespace mnemo::train
