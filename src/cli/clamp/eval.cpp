// mnemo clamp eval: CLaMP's evaluation on WikiMT-format data: text-to-music and
// music-to-text retrieval over every piece of the split (MRR, HitRatio@1/10/100), and
// zero-shot genre classification from prompts (accuracy, macro-F1), with chance levels.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_eval(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<clamp::EvalSettings>();
  auto json = std::make_shared<bool>(false);
  auto* command = clamp.add_subcommand(
      "eval", "retrieval (MRR, HitRatio@k) and zero-shot genre accuracy on WikiMT-format data");
  flags::clamp_model(*command, settings->model);
  command->add_option("--data", settings->data, "WikiMT-format JSON")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--split", settings->split, "train, validation, test or all")
      ->capture_default_str()
      ->check(CLI::IsMember({"train", "validation", "test", "all"}));
  command->add_option("--template", settings->text_template, "the prompt of a genre")
      ->capture_default_str();
  flags::json(*command, *json, "print the report as JSON");
  on_chosen(*command, action, [settings, json] {
    ProgressLine line;
    const auto report = clamp::evaluate(*settings, line.progress());
    line.finish();
    if (*json)
      std::cout << report.to_json().dump() << "\n";
    else
      print_eval_report(report);
  });
}

}  // namespace mnemo::cli
