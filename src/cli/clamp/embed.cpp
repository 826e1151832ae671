// mnemo clamp embed: the projected embedding of a text, token ids or a piece; the building
// block of the other clamp commands and the way to check parity from outside.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_embed(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<clamp::EmbedSettings>();
  auto json = std::make_shared<bool>(false);
  auto* command = clamp.add_subcommand("embed", "the projected embedding of a text or a piece");
  flags::clamp_model(*command, settings->model);
  command->add_option("--text", settings->text, "a text (transliterated to ASCII, 128 tokens)");
  command->add_option("--text-ids", settings->text_ids,
                      "token ids as they are, e.g. 0,713,2 (<s> ... </s> included)");
  command->add_option("--music", settings->music, "an ABC or MIDI file")->check(CLI::ExistingFile);
  flags::json(*command, *json, "print {\"embedding\": [...]} (full precision)");
  on_chosen(*command, action, [settings, json] {
    ProgressLine line;
    const auto embedding = clamp::embed(*settings, line.progress());
    line.finish();
    if (*json) {
      std::cout << embedding.to_json().dump() << "\n";
      return;
    }
    std::cout << std::setprecision(9);
    for (size_t i = 0; i < embedding.values.size(); ++i)
      std::cout << (i ? " " : "") << embedding.values[i];
    std::cout << "\n";
  });
}

}  // namespace mnemo::cli
