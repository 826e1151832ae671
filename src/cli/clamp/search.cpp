// mnemo clamp search: semantic search, a text or a piece against keys of either modality,
// ranked by cosine similarity (and the official softmax of e x similarity over the keys).
#include <iostream>

#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_search(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<clamp::SearchSettings>();
  auto json = std::make_shared<bool>(false);
  auto* command = clamp.add_subcommand("search", "semantic search: a text or a piece against keys");
  flags::clamp_model(*command, settings->model);
  command->add_option("--query-text", settings->query_text, "the query as text");
  command->add_option("--query-music", settings->query_music, "the query as an ABC or MIDI file")
      ->check(CLI::ExistingFile);
  command
      ->add_option(
          "--keys", settings->keys,
          "a folder of .abc/.mid files, a WikiMT-format .json, or a .txt of texts (one a line)")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("--key-modal", settings->key_modal, "music or text")
      ->capture_default_str()
      ->check(CLI::IsMember({"music", "text"}));
  command->add_option("--cache", settings->cache,
                      "key embeddings cache file (default under ~/.cache/mnemo)");
  command->add_option("--top-n", settings->top_n, "results shown (0 = all)")->capture_default_str();
  flags::json(*command, *json, "print {\"results\": [...]}");
  on_chosen(*command, action, [settings, json] {
    ProgressLine line;
    const auto result = clamp::search(*settings, line.progress());
    line.finish();
    if (*json)
      std::cout << result.to_json().dump() << "\n";
    else
      print_search_table(result, settings->key_modal);
  });
}

}  // namespace mnemo::cli
