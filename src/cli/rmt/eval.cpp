// mnemo rmt eval: accuracy against input length, with 95% Wilson intervals, a table or
// JSON, and optionally a plot with one line per model.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "cli/support/task_flags.h"
#include "mnemo/eval/plot.h"
#include "mnemo/eval/rmt_evaluation.h"
#include "mnemo/runtime/world.h"

namespace mnemo::cli {

void add_rmt_eval(CLI::App& rmt, Action& action) {
  auto settings = std::make_shared<eval::RmtEvalSettings>();
  auto json = std::make_shared<bool>(false);
  auto plot = std::make_shared<std::string>();
  auto* command =
      rmt.add_subcommand("eval", "accuracy against input length (95% Wilson intervals)");
  command
      ->add_option("--model", settings->models,
                   "RMT model directory or training run directory; repeat to compare models")
      ->required()
      ->check(CLI::ExistingDirectory);
  flags::task(*command, settings->task);
  command->add_option("--segments", settings->segments, "segment counts, e.g. 1-16 or 1,2,4,8,4096")
      ->capture_default_str();
  command->add_option("--samples", settings->samples, "samples per segment count")
      ->capture_default_str()
      ->check(positive());
  flags::batch(*command, settings->batch, "samples per forward pass");
  flags::seed(*command, settings->seed, "seed of the evaluation samples");
  flags::json(*command, *json, "print JSON instead of a Markdown table");
  command->add_option("--plot", *plot, "also draw accuracy against input length to this PNG");
  on_chosen(*command, action, [settings, json, plot] {
    ProgressLine line;
    const auto rows = eval::evaluate_rmt(*settings, line.progress());
    line.finish();
    if (*json)
      std::cout << eval::results_json(rows).dump(2) << "\n";
    else
      std::cout << eval::markdown_table(rows);
    // Drawn after the table is out, so that a missing gnuplot loses no results.
    if (!plot->empty() && runtime::world().leader()) {
      eval::plot_accuracy(rows, *plot, eval::kRmtAccuracyTitle);
      std::cerr << "plot: " << *plot << "\n";
    }
  });
}

}  // namespace mnemo::cli
