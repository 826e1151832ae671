// mnemo babilong eval: accuracy per task and input length of a decoder RMT, answers
// generated greedily and scored as BABILong does.
#include <torch/torch.h>

#include <iostream>
#include <map>

#include "cli/babilong_options.h"
#include "cli/command.h"
#include "cli/progress_line.h"
#include "cli/task_options.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/report.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/tasks/babilong.h"
#include "mnemo/tasks/sample_set.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

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
        const tasks::SampleSet set{tasks::Split::validation, options.seed,
                                   kBabilongEvaluationStream, lengths[l], options.samples};
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

void add_babilong_eval_command(CLI::App& babilong, Action& action) {
  auto eval = std::make_shared<EvalOptions>();
  auto* eval_command = babilong.add_subcommand(
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
