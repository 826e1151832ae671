// mnemo tokenizer train: a SentencePiece tokenizer trained on text files, written into a
// model directory.
#include <iostream>

#include "cli/commands.h"
#include "mnemo/text/tokenization.h"

namespace mnemo::cli {

void add_tokenizer_train(CLI::App& tokenizer, Action& action) {
  auto settings = std::make_shared<text::TokenizerTrainSettings>();
  auto& options = settings->options;
  auto* command = tokenizer.add_subcommand(
      "train", "train a SentencePiece tokenizer on text files and write it into a model directory");
  command
      ->add_option("--input", settings->inputs,
                   "plain-text files, one sentence or paragraph a line")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--vocab-size", options.vocab_size, "vocabulary size")->capture_default_str();
  command->add_option("--model-type", options.model_type, "unigram, bpe, word or char")
      ->capture_default_str()
      ->check(CLI::IsMember({"unigram", "bpe", "word", "char"}));
  command->add_flag("--lowercase", options.lowercase, "case-fold the text (NFKC + case folding)");
  command->add_option("--max-sentences", options.max_sentences, "sentences sampled for training")
      ->capture_default_str();
  flags::out(*command, settings->out, "model directory to write tokenizer.model into");
  on_chosen(*command, action, [settings] {
    const auto trained = text::train_tokenizer(*settings);
    std::cout << "wrote " << trained.model_file.string() << ": " << trained.pieces
              << " pieces, trained in " << trained.seconds << " s\n";
  });
}

}  // namespace mnemo::cli
