// mnemo rmt run: answer a question about input files of any length, read as a stream.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/rmt/answer.h"

namespace mnemo::cli {
namespace rmt_run {

// The answer, every label's probability from the most likely down, and the speed.
void print_answer(const rmt::Answer& answer) {
  std::cout << "answer: " << answer.answer << "\n";
  auto ranked = answer.probabilities;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [label, probability] : ranked) {
    char text[64];
    std::snprintf(text, sizeof text, "  %-12s %6.2f%%\n", label.c_str(), 100.0 * probability);
    std::cout << text;
  }
  std::cout << answer.tokens << " tokens in " << answer.segments << " segments, "
            << format_duration(answer.seconds) << " (" << static_cast<int64_t>(answer.tokens_per_s)
            << " tokens/s), peak memory " << static_cast<int64_t>(answer.peak_rss_mb) << " MB\n";
}

}  // namespace rmt_run

void add_rmt_run(CLI::App& rmt, Action& action) {
  auto settings = std::make_shared<rmt::AnswerSettings>();
  auto json = std::make_shared<bool>(false);
  auto* command = rmt.add_subcommand(
      "run", "answer a question about text files of any length, read as a stream");
  flags::model(*command, settings->model, "RMT model directory or training run directory");
  command->add_option("--input", settings->inputs, "text files, read in order as one input")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--question", settings->question, "the question, e.g. \"Where is Mary?\"")
      ->required();
  flags::json(*command, *json, "print JSON (answer, probabilities, tokens/s)");
  on_chosen(*command, action, [settings, json] {
    ProgressLine line;
    const auto answer = rmt::answer_question(*settings, line.progress());
    line.finish();
    if (*json)
      std::cout << answer.to_json().dump(2) << "\n";
    else
      rmt_run::print_answer(answer);
  });
}

}  // namespace mnemo::cli
