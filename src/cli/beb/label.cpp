// mnemo beb label: a text of one sentence a line split by behavior into the training texts
// of P+ and P-.
#include <iostream>

#include "cli/beb/beb_flags.h"
#include "cli/commands.h"
#include "mnemo/beb/text_scoring.h"

namespace mnemo::cli {

void add_beb_label(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<beb::LabelSettings>();
  auto* command = beb.add_subcommand(
      "label", "split a text of one sentence per line into positive and negative files");
  command->add_option("--text", settings->text_file, "the text, one sentence per line")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--positive", settings->positive, "file for lines scoring above")->required();
  command->add_option("--negative", settings->negative, "file for lines scoring below minus")
      ->required();
  command->add_option("--threshold", settings->threshold, "score threshold, in [0, 1)")
      ->capture_default_str();
  flags::beb_scorer(*command, settings->scorer);
  on_chosen(*command, action, [settings] {
    const auto counts = beb::label_text(*settings);
    std::cout << counts.lines << " lines: " << counts.positives << " positive -> "
              << settings->positive << ", " << counts.negatives << " negative -> "
              << settings->negative << ", " << counts.neither() << " neither\n";
  });
}

}  // namespace mnemo::cli
