// mnemo tokenize / mnemo tokenizer train: look at and make tokenizers.
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "mnemo/text/sentencepiece_tokenizer.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::cli {
namespace {

struct TokenizeOptions {
  std::string model;
  std::string text;
};

struct TrainOptions {
  std::vector<std::string> inputs;
  std::string out;
  text::SentencePieceTrainOptions train;
};

void run_tokenize(const TokenizeOptions& options) {
  const auto tokenizer = text::load_tokenizer(options.model);
  std::cout << nlohmann::json{{"pieces", tokenizer->tokenize(options.text)},
                              {"ids", tokenizer->encode(options.text)}}
                   .dump()
            << "\n";
}

void run_train(TrainOptions options) {
  options.train.inputs.assign(options.inputs.begin(), options.inputs.end());
  const auto start = std::chrono::steady_clock::now();
  const auto tokenizer = text::SentencePieceTokenizer::train(options.train);
  std::filesystem::create_directories(options.out);
  tokenizer->save(options.out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout
      << "wrote "
      << (std::filesystem::path(options.out) / text::SentencePieceTokenizer::kModelFile).string()
      << ": " << tokenizer->vocab_size() << " pieces, trained in " << seconds << " s\n";
}

}  // namespace

void add_tokenize_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<TokenizeOptions>();
  auto* command = app.add_subcommand(
      "tokenize", "print the pieces and ids of a text under a model directory's tokenizer");
  command
      ->add_option("--model", options->model,
                   "directory with vocab.txt (WordPiece) or tokenizer.model (SentencePiece)")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("text", options->text, "the text")->required();
  command->callback([&action, options] { action = [options] { run_tokenize(*options); }; });
}

void add_tokenizer_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("tokenizer", "make tokenizers");
  group->require_subcommand(1);
  auto options = std::make_shared<TrainOptions>();
  auto* train = group->add_subcommand(
      "train", "train a SentencePiece tokenizer on text files and write it into a model directory");
  train
      ->add_option("--input", options->inputs, "plain-text files, one sentence or paragraph a line")
      ->required()
      ->check(CLI::ExistingFile);
  train->add_option("--vocab-size", options->train.vocab_size, "vocabulary size")
      ->capture_default_str();
  train->add_option("--model-type", options->train.model_type, "unigram, bpe, word or char")
      ->capture_default_str()
      ->check(CLI::IsMember({"unigram", "bpe", "word", "char"}));
  train->add_flag("--lowercase", options->train.lowercase,
                  "case-fold the text (NFKC + case folding)");
  train
      ->add_option("--max-sentences", options->train.max_sentences,
                   "sentences sampled for training")
      ->capture_default_str();
  train->add_option("--out", options->out, "model directory to write tokenizer.model into")
      ->required();
  train->callback([&action, options] { action = [options] { run_train(*options); }; });
}

}  // namespace mnemo::cli
