// mnemo clamp classify: zero-shot classification of pieces into labels given as text.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_classify(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<clamp::ClassifySettings>();
  auto json = std::make_shared<bool>(false);
  auto* command =
      clamp.add_subcommand("classify", "zero-shot classification of pieces into text labels");
  flags::clamp_model(*command, settings->model);
  command->add_option("--music", settings->music, "ABC or MIDI files")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--labels", settings->labels, "comma-separated labels, e.g. \"Jazz,Pop\"")
      ->required();
  command->add_option("--template", settings->text_template, "the prompt of a label")
      ->capture_default_str();
  flags::json(*command, *json, "print {\"results\": [...]}");
  on_chosen(*command, action, [settings, json] {
    ProgressLine line;
    const auto result = clamp::classify(*settings, line.progress());
    line.finish();
    if (*json)
      std::cout << result.to_json().dump() << "\n";
    else
      print_classification_table(result);
  });
}

}  // namespace mnemo::cli
