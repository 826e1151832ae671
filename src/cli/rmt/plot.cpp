// mnemo rmt plot: saved `rmt eval --json` results drawn again, one line per model.
#include "mnemo/eval/plot.h"

#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/rmt_evaluation.h"

namespace mnemo::cli {

void add_rmt_plot(CLI::App& rmt, Action& action) {
  struct Options {
    std::vector<std::string> results;
    std::string out;
    std::string title = eval::kRmtAccuracyTitle;
  };
  auto options = std::make_shared<Options>();
  auto* command =
      rmt.add_subcommand("plot", "draw saved `rmt eval --json` results, one line per model");
  command->add_option("--results", options->results, "JSON files written by rmt eval --json")
      ->required()
      ->check(CLI::ExistingFile);
  flags::out(*command, options->out, "PNG to write");
  command->add_option("--title", options->title, "plot title")->capture_default_str();
  on_chosen(*command, action, [options] {
    eval::plot_accuracy_files(options->results, options->out, options->title);
    std::cout << "wrote " << options->out << "\n";
  });
}

}  // namespace mnemo::cli
