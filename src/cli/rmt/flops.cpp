// mnemo rmt flops: forward FLOPs of full attention against an RMT reading the same input in
// segments, as Figure 3 of the RMT paper, for OPT geometries or any model directory.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/flops_comparison.h"

namespace mnemo::cli {

void add_rmt_flops(CLI::App& rmt, Action& action) {
  auto settings = std::make_shared<eval::FlopsSettings>();
  auto plot = std::make_shared<std::string>();
  auto* command = rmt.add_subcommand(
      "flops", "forward FLOPs of full attention against RMT segments (paper Figure 3)");
  command->add_option("--model", settings->models,
                      "opt-125m, opt-350m, opt-1.3b, opt-6.7b, opt-13b, opt-30b, opt-175b or a "
                      "model directory with config.json; repeatable (default: all OPT models)");
  command->add_option("--lengths", settings->lengths, "input lengths in tokens, comma-separated")
      ->capture_default_str();
  command->add_option("--segment", settings->segment, "RMT segment size (positions)")
      ->capture_default_str();
  command->add_option("--plot", *plot, "draw both panels to this PNG");
  on_chosen(*command, action, [settings, plot] {
    const auto comparison = eval::compare_flops(*settings);
    std::cout << "| model | tokens | full attention FLOPs | RMT FLOPs | ratio |\n"
                 "|---|---:|---:|---:|---:|\n";
    for (const auto& row : comparison.rows) {
      char text[160];
      std::snprintf(text, sizeof text, "| %s | %.0f | %.3e | %.3e | x%.1f |\n", row.model.c_str(),
                    row.tokens, row.full, row.rmt, row.ratio());
      std::cout << text;
    }
    if (!plot->empty()) {
      eval::plot_flops(comparison, *plot);
      std::cerr << "plot: " << *plot << "\n";
    }
  });
}

}  // namespace mnemo::cli
