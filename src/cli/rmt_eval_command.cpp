// mnemo rmt eval: accuracy against input length, with 95% Wilson intervals, a table or
// JSON, and optionally a plot with one line per model.
#include <iostream>

#include "cli/command.h"
#include "cli/positive.h"
#include "cli/progress_line.h"
#include "cli/task_options.h"
#include "mnemo/eval/accuracy.h"
#include "mnemo/eval/plot.h"
#include "mnemo/eval/report.h"
#include "mnemo/io/json_file.h"
#include "mnemo/rmt/rmt_checkpoint.h"

namespace mnemo::cli {
namespace {

// Evaluation samples come from their own stream of the validation noise, so they differ
// from the set training validated on.
constexpr uint64_t kEvaluationStream = 4;

struct EvalOptions {
  std::vector<std::string> models;
  TaskOptions task;
  std::string segments = "1-16";
  int64_t samples = 100;
  int64_t batch = 16;
  uint64_t seed = 1;
  bool json = false;
  std::string plot;
};

void run_eval(const EvalOptions& options) {
  const auto segment_counts = parse_counts(options.segments, "--segments");
  const auto noise = noise_files(options.task.noise);
  std::vector<eval::AccuracyRow> rows;
  ProgressLine line;
  for (const auto& name : options.models) {
    const auto dir = rmt_model_directory(name);
    auto rmt = rmt::load_rmt(dir);
    const auto& config = rmt.model->config();
    const auto spec =
        options.task.spec(tasks::TaskSpec::from_json(config.task, (dir / "rmt.json").string()));
    const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise, *rmt.tokenizer);
    const tasks::TaskGenerator task(spec, rmt.tokenizer, corpus, config.labels);
    for (const int64_t segments : segment_counts) {
      tasks::SampleSet set;
      set.seed = options.seed;
      set.stream = kEvaluationStream;
      set.segments = segments;
      set.samples = options.samples;
      const auto started = std::chrono::steady_clock::now();
      eval::AccuracyRow row;
      row.model = name;
      row.segments = segments;
      row.tokens = segments * config.usable();
      row.n = options.samples;
      row.correct = eval::count_correct(
          *rmt.model, task, set, options.batch, [&](int64_t done, int64_t total) {
            line.update(progress_bar(done, total) + " " + name + ": " + std::to_string(segments) +
                        " segments (" + std::to_string(row.tokens) + " tokens), " +
                        std::to_string(done) + "/" + std::to_string(total) + " samples");
          });
      row.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      rows.push_back(row);
    }
  }
  line.finish();
  if (options.json)
    std::cout << eval::results_json(rows).dump(2) << "\n";
  else
    std::cout << eval::markdown_table(rows);
  if (!options.plot.empty()) {
    eval::plot_accuracy(rows, options.plot, "RMT accuracy against input length");
    std::cerr << "plot: " << options.plot << "\n";
  }
}

struct PlotOptions {
  std::vector<std::string> results;
  std::string out;
  std::string title = "RMT accuracy against input length";
};

void run_plot(const PlotOptions& options) {
  std::vector<eval::AccuracyRow> rows;
  for (const auto& file : options.results) {
    const auto found = eval::rows_from_json(io::read_json_file(file), file);
    rows.insert(rows.end(), found.begin(), found.end());
  }
  eval::plot_accuracy(rows, options.out, options.title);
  std::cout << "wrote " << options.out << "\n";
}

}  // namespace

void add_rmt_plot_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<PlotOptions>();
  auto* plot =
      rmt.add_subcommand("plot", "draw saved `rmt eval --json` results, one line per model");
  plot->add_option("--results", options->results, "JSON files written by rmt eval --json")
      ->required()
      ->check(CLI::ExistingFile);
  plot->add_option("--out", options->out, "PNG to write")->required();
  plot->add_option("--title", options->title, "plot title")->capture_default_str();
  plot->callback([&action, options] { action = [options] { run_plot(*options); }; });
}

void add_rmt_eval_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<EvalOptions>();
  auto* eval = rmt.add_subcommand("eval", "accuracy against input length (95% Wilson intervals)");
  eval->add_option("--model", options->models,
                   "RMT model directory or training run directory; repeat to compare models")
      ->required()
      ->check(CLI::ExistingDirectory);
  options->task.add_to(*eval);
  eval->add_option("--segments", options->segments, "segment counts, e.g. 1-16 or 1,2,4,8,4096")
      ->capture_default_str();
  eval->add_option("--samples", options->samples, "samples per segment count")
      ->capture_default_str()
      ->check(positive());
  eval->add_option("--batch", options->batch, "samples per forward pass")
      ->capture_default_str()
      ->check(positive());
  eval->add_option("--seed", options->seed, "seed of the evaluation samples")
      ->capture_default_str();
  eval->add_flag("--json", options->json, "print JSON instead of a Markdown table");
  eval->add_option("--plot", options->plot, "also draw accuracy against input length to this PNG");
  eval->callback([&action, options] { action = [options] { run_eval(*options); }; });
}

}  // namespace mnemo::cli
