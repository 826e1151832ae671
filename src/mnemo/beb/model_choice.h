// The model whose behavior a beb command measures: one GPT-2 directory (--model DIR) or the
// exact mixture of two (--mixture ALPHA:NEG_DIR,POS_DIR). Free of torch: the models are only
// named here (sentence_model.h defines them).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mnemo::beb {

class SentenceModel;
class Gpt2SentenceModel;

struct ModelChoice {
  std::string dir, mixture;  // exactly one of them
};

struct ChosenModel {
  std::shared_ptr<SentenceModel> model;
  std::shared_ptr<Gpt2SentenceModel> gpt2;  // one of its GPT-2s: the vocabulary and tokenizer
  std::optional<double> alpha;              // a mixture's
};

// Loads the choice, sentences up to `max_sentence_tokens`; neither or both given is an error.
ChosenModel load_chosen_model(const ModelChoice& choice, int64_t max_sentence_tokens);

}  // namespace mnemo::beb
