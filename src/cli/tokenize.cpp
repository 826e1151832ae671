// mnemo tokenize: the pieces and ids of a text under a model directory's tokenizer.
#include <iostream>

#include "cli/commands.h"
#include "mnemo/text/tokenization.h"

namespace mnemo::cli {

void add_tokenize(CLI::App& app, Action& action) {
  struct Options {
    std::string model;
    std::string text;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "tokenize", "print the pieces and ids of a text under a model directory's tokenizer");
  flags::model(*command, options->model,
               "directory with vocab.txt (WordPiece) or tokenizer.model (SentencePiece)");
  command->add_option("text", options->text, "the text")->required();
  on_chosen(*command, action, [options] {
    std::cout << text::tokenize_text(options->model, options->text).to_json().dump() << "\n";
  });
}

}  // namespace mnemo::cli
