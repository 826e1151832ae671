#include "mnemo/text/tokenization.h"

#include <chrono>

namespace mnemo::text {

nlohmann::json Tokenization::to_json() const { return {{"pieces", pieces}, {"ids", ids}}; }

Tokenization tokenize_text(const std::filesystem::path& model, const std::string& text) {
  const auto tokenizer = load_tokenizer(model);
  return {tokenizer->tokenize(text), tokenizer->encode(text)};
}

TrainedTokenizer train_tokenizer(const TokenizerTrainSettings& settings) {
  auto options = settings.options;
  options.inputs.assign(settings.inputs.begin(), settings.inputs.end());
  const auto start = std::chrono::steady_clock::now();
  const auto tokenizer = SentencePieceTokenizer::train(options);
  std::filesystem::create_directories(settings.out);
  tokenizer->save(settings.out);
  TrainedTokenizer trained;
  trained.model_file = std::filesystem::path(settings.out) / SentencePieceTokenizer::kModelFile;
  trained.pieces = tokenizer->vocab_size();
  trained.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return trained;
}

}  // namespace mnemo::text
