// mnemo rmt attention: heat maps of a trained RMT's attention on one task sample, one panel
// per segment (paper Figure 7), with memory, [CLS], fact and question tokens named.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "cli/support/task_flags.h"
#include "mnemo/eval/attention_map.h"

namespace mnemo::cli {

void add_rmt_attention(CLI::App& rmt, Action& action) {
  auto settings = std::make_shared<eval::AttentionMapSettings>();
  auto* command = rmt.add_subcommand(
      "attention", "draw a model's attention on one task sample, a heat map per segment");
  flags::model(*command, settings->model, "RMT model directory or training run directory");
  flags::task(*command, settings->task);
  command->add_option("--segments", settings->segments, "segments of the sample")
      ->capture_default_str()
      ->check(positive());
  command->add_option("--layer", settings->layer, "layer to draw (default: the last)");
  command->add_option("--head", settings->head, "head to draw (default: the mean of all)");
  flags::seed(*command, settings->seed, "which sample");
  command
      ->add_option("--noise-tokens", settings->noise_tokens,
                   "noise positions shown beside [CLS], memory, facts and question; -1: all")
      ->capture_default_str();
  command->add_option("--png", settings->png, "PNG to write")->required();
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto result = eval::draw_attention_map(*settings, line.progress());
    line.finish();
    std::cout << "answer " << result.answer << ", true " << result.truth << "; wrote "
              << settings->png << "\n";
  });
}

}  // namespace mnemo::cli
