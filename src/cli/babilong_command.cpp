// mnemo babilong make | train | eval: BABILong-style question answering over long inputs
// with a decoder RMT on GPT-2 (samples made from bAbI files and noise text, curriculum
// training with resume, and accuracy per task and input length by generation).
#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <map>

#include "cli/command.h"
#include "cli/progress_line.h"
#include "cli/task_options.h"
#include "cli/train_options.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/report.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/tasks/babilong_generator.h"
#include "mnemo/train/babilong_learner.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

// Evaluation samples come from their own stream of the validation questions and noise.
constexpr uint64_t kEvaluationStream = 4;

// "qa1" for qa1_single-supporting-fact_train.txt: the task's name is what comes before '_'.
std::string babi_task_name(const fs::path& file) {
  const std::string stem = file.stem().string();
  return stem.substr(0, stem.find('_'));
}

std::vector<std::shared_ptr<const tasks::BabilongGenerator>> babilong_tasks(
    const std::vector<std::string>& babi_files, const std::vector<std::string>& noise,
    const std::shared_ptr<const text::Tokenizer>& tokenizer) {
  if (babi_files.empty()) throw Error("give the bAbI files to draw facts from with --babi FILE...");
  std::cerr << "reading noise from " << noise.size() << " file(s)...\n";
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise_files(noise), *tokenizer);
  std::vector<std::shared_ptr<const tasks::BabilongGenerator>> generators;
  for (const auto& file : babi_files)
    generators.push_back(std::make_shared<tasks::BabilongGenerator>(
        babi_task_name(file), tasks::read_babi(file), tokenizer, corpus));
  return generators;
}

// "0,1k,4k,1M": input lengths in tokens, k = 1,024 and M = 1,048,576 as in BABILong's names.
std::vector<int64_t> parse_lengths(const std::string& text) {
  std::vector<int64_t> lengths;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    try {
      size_t used = 0;
      int64_t value = std::stoll(item, &used);
      const std::string unit = item.substr(used);
      if (unit == "k" || unit == "K")
        value *= 1024;
      else if (unit == "M" || unit == "m")
        value *= 1024 * 1024;
      else if (!unit.empty())
        throw std::invalid_argument(unit);
      if (value < 0) throw std::invalid_argument(item);
      lengths.push_back(value);
    } catch (const std::exception&) {
      throw Error("--lengths: '" + item + "' is not a length like 0, 512, 4k or 1M");
    }
  }
  if (lengths.empty()) throw Error("--lengths: give at least one length");
  return lengths;
}

std::string length_name(int64_t tokens) {
  if (tokens >= 1024 * 1024 && tokens % (1024 * 1024) == 0)
    return std::to_string(tokens / (1024 * 1024)) + "M";
  if (tokens >= 1024 && tokens % 1024 == 0) return std::to_string(tokens / 1024) + "k";
  return std::to_string(tokens);
}

// ---- make ----------------------------------------------------------------------------------

struct MakeOptions {
  std::vector<std::string> babi;
  std::vector<std::string> noise = {"data/brown.txt"};
  std::string tokenizer;
  std::string length = "1k";
  int64_t samples = 100;
  uint64_t seed = 1;
  std::string out;
};

void run_make(const MakeOptions& options) {
  const std::shared_ptr<const text::Tokenizer> tokenizer = text::load_tokenizer(options.tokenizer);
  const auto generators = babilong_tasks(options.babi, options.noise, tokenizer);
  const auto lengths = parse_lengths(options.length);
  std::string lines;
  for (const auto& generator : generators)
    for (const int64_t length : lengths)
      for (int64_t i = 0; i < options.samples; ++i) {
        tasks::SampleSet set{tasks::Split::validation, options.seed, kEvaluationStream, length, 0};
        auto random = set.random(i);
        const auto sample = generator->generate(random, set.split, length);
        lines += nlohmann::json{{"input", sample.input},
                                {"question", sample.question},
                                {"target", sample.target},
                                {"task", generator->name()},
                                {"length", length_name(length)}}
                     .dump() +
                 "\n";
      }
  io::write_file_atomic(options.out, lines);
  std::cout << "wrote " << options.out << ": "
            << generators.size() * lengths.size() * options.samples << " samples\n";
}

// ---- train ---------------------------------------------------------------------------------

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

// ---- eval ----------------------------------------------------------------------------------

struct EvalOptions {
  std::string model;
  std::vector<std::string> data;
  std::vector<std::string> babi;
  std::vector<std::string> noise = {"data/brown.txt"};
  std::string lengths = "0,1k,2k,4k";
  int64_t samples = 50;
  uint64_t seed = 1;
  int64_t max_new_tokens = 10;
  bool json = false;
};

struct Scored {
  int64_t correct = 0, n = 0, tokens = 0;
  double seconds = 0;
};

// Reads each sample segment by segment, generates greedily after "Answer:" and scores the
// output as BABILong does.
Scored score_samples(rmt::DecoderRmtModel& rmt,
                     const std::function<tasks::BabilongSample(int64_t)>& sample_at, int64_t n,
                     int64_t max_new_tokens, const std::string& label, ProgressLine& line) {
  lm::GenerationOptions generation;
  generation.max_new_tokens = max_new_tokens;
  generation.eos_token_id = text::end_of_text_id(*rmt.tokenizer);
  Scored scored;
  const auto started = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) {
    const auto sample = sample_at(i);
    const auto tokens = tasks::qa_tokens(sample, *rmt.tokenizer);
    auto generated = rmt.model->continue_text(tokens.prompt, generation);
    if (!generated.empty() && generated.back() == *generation.eos_token_id) generated.pop_back();
    scored.correct += tasks::babilong_correct(rmt.tokenizer->decode(generated), sample.target);
    scored.tokens = std::max<int64_t>(scored.tokens, tokens.prompt.size());
    ++scored.n;
    line.update(progress_bar(i + 1, n) + " " + label + ": " + std::to_string(scored.correct) + "/" +
                std::to_string(scored.n) + " correct");
  }
  scored.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return scored;
}

// Tasks down, lengths across, accuracy in each cell.
void print_table(const std::vector<eval::AccuracyRow>& rows,
                 const std::vector<std::string>& columns) {
  std::map<std::string, std::map<std::string, double>> cells;
  std::vector<std::string> tasks;
  for (const auto& row : rows) {
    if (!cells.count(row.model)) tasks.push_back(row.model);
    cells[row.model][std::to_string(row.segments)] = row.accuracy();
  }
  std::cout << "| task |";
  for (const auto& column : columns) std::cout << " " << column << " |";
  std::cout << "\n|---|";
  for (size_t i = 0; i < columns.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (const auto& task : tasks) {
    std::cout << "| " << task << " |";
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto found = cells[task].find(std::to_string(c));
      char cell[16];
      std::snprintf(cell, sizeof cell, "%.0f",
                    100 * (found == cells[task].end() ? 0 : found->second));
      std::cout << " " << (found == cells[task].end() ? "" : cell) << " |";
    }
    std::cout << "\n";
  }
}

void run_eval(const EvalOptions& options) {
  auto rmt = rmt::load_decoder_rmt(rmt_model_directory(options.model));
  torch::NoGradGuard no_grad;
  std::vector<eval::AccuracyRow> rows;
  std::vector<std::string> columns;
  ProgressLine line;
  auto add_row = [&](const std::string& task, size_t column, const Scored& scored) {
    eval::AccuracyRow row;
    row.model = task;
    row.segments = static_cast<int64_t>(column);  // the column index; tokens is the length
    row.tokens = scored.tokens;
    row.correct = scored.correct;
    row.n = scored.n;
    row.seconds = scored.seconds;
    rows.push_back(row);
  };
  for (const auto& file : options.data) {
    const auto samples = tasks::read_babilong(file);
    const size_t column = columns.size();
    columns.push_back(fs::path(file).filename().string());
    add_row(fs::path(file).stem().string(), column,
            score_samples(
                rmt, [&](int64_t i) { return samples[i]; }, samples.size(), options.max_new_tokens,
                file, line));
  }
  if (!options.babi.empty()) {
    const auto generators = babilong_tasks(options.babi, options.noise, rmt.tokenizer);
    const auto lengths = parse_lengths(options.lengths);
    const size_t first_column = columns.size();
    for (const int64_t length : lengths) columns.push_back(length_name(length));
    for (const auto& generator : generators)
      for (size_t l = 0; l < lengths.size(); ++l) {
        const tasks::SampleSet set{tasks::Split::validation, options.seed, kEvaluationStream,
                                   lengths[l], options.samples};
        add_row(generator->name(), first_column + l,
                score_samples(
                    rmt,
                    [&](int64_t i) {
                      auto random = set.random(i);
                      return generator->generate(random, set.split, lengths[l]);
                    },
                    options.samples, options.max_new_tokens,
                    generator->name() + " at " + length_name(lengths[l]), line));
      }
  }
  if (rows.empty()) throw Error("babilong eval: give --data FILE... or --babi FILE...");
  line.finish();
  if (options.json) {
    auto json = eval::results_json(rows);
    for (auto& row : json["results"]) row["length"] = columns.at(row["segments"].get<size_t>());
    std::cout << json.dump(2) << "\n";
  } else {
    print_table(rows, columns);
  }
}

}  // namespace

void add_babilong_command(CLI::App& app, Action& action) {
  auto* babilong = app.add_subcommand(
      "babilong", "question answering over long inputs (BABILong) with a decoder RMT on GPT-2");
  babilong->require_subcommand(1);

  auto make = std::make_shared<MakeOptions>();
  auto* make_command = babilong->add_subcommand(
      "make", "write BABILong-style samples (JSONL) from bAbI files and noise text");
  make_command->add_option("--babi", make->babi, "bAbI files (qa1..qa20 format)")
      ->required()
      ->check(CLI::ExistingFile);
  make_command->add_option("--noise", make->noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
  make_command->add_option("--tokenizer", make->tokenizer, "tokenizer lengths are counted in")
      ->required()
      ->check(CLI::ExistingDirectory);
  make_command->add_option("--lengths", make->length, "input lengths, e.g. 0,1k,4k")
      ->capture_default_str();
  make_command->add_option("--samples", make->samples, "samples per task and length")
      ->capture_default_str();
  make_command->add_option("--seed", make->seed, "seed of the samples")->capture_default_str();
  make_command->add_option("--out", make->out, "JSONL file to write")->required();
  make_command->callback([&action, make] { action = [make] { run_make(*make); }; });

  auto train = std::make_shared<TrainOptions>();
  auto* train_command = babilong->add_subcommand(
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

  auto eval = std::make_shared<EvalOptions>();
  auto* eval_command = babilong->add_subcommand(
      "eval", "accuracy per task and input length, answers generated and scored as BABILong does");
  eval_command->add_option("--model", eval->model, "decoder RMT model directory")->required();
  eval_command
      ->add_option("--data", eval->data, "BABILong JSON or JSONL files (input, question, target)")
      ->check(CLI::ExistingFile);
  eval_command->add_option("--babi", eval->babi, "bAbI files to make samples from, one per task")
      ->check(CLI::ExistingFile);
  eval_command->add_option("--noise", eval->noise, "noise text for --babi samples")
      ->capture_default_str();
  eval_command->add_option("--lengths", eval->lengths, "input lengths of --babi samples")
      ->capture_default_str();
  eval_command->add_option("--samples", eval->samples, "samples per task and length")
      ->capture_default_str();
  eval_command->add_option("--seed", eval->seed, "seed of the samples")->capture_default_str();
  eval_command->add_option("--max-new-tokens", eval->max_new_tokens, "answer tokens to generate")
      ->capture_default_str();
  eval_command->add_flag("--json", eval->json, "results as JSON");
  eval_command->callback([&action, eval] { action = [eval] { run_eval(*eval); }; });
}

}  // namespace mnemo::cli
