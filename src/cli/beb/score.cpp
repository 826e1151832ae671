// mnemo beb score: the behavior of sentences in [-1, 1] under a scorer.
#include <cstdio>

#include "cli/beb/beb_flags.h"
#include "cli/commands.h"
#include "mnemo/beb/text_scoring.h"

namespace mnemo::cli {

void add_beb_score(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<beb::ScoreTextSettings>();
  auto* command = beb.add_subcommand("score", "behavior of sentences in [-1, 1] under a scorer");
  command->add_option("sentences", settings->sentences, "sentences to score");
  command->add_option("--text", settings->text_file, "a text file, split into sentences")
      ->check(CLI::ExistingFile);
  flags::beb_scorer(*command, settings->scorer);
  on_chosen(*command, action, [settings] {
    const auto scored = beb::score_text(*settings);
    for (const auto& sentence : scored.sentences)
      std::printf("%+.3f\t%s\n", sentence.score, sentence.sentence.c_str());
    if (scored.sentences.size() > 1)
      std::printf("mean %+.4f over %zu sentences\n", scored.mean, scored.sentences.size());
  });
}

}  // namespace mnemo::cli
