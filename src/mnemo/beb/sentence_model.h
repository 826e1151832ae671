// Language models as the BEB framework sees them (Wolf et al. 2023): distributions over the
// next sentence after a context. A context is token ids that start with end-of-text, as
// every training sequence of `memorization make-data --line-aligned` does, then sentences.
// A model reads at most its window of positions: longer contexts are cut from the left.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "mnemo/beb/tokens.h"
#include "mnemo/nn/gpt2.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::beb {

// Which tokens end a sentence: end-of-text, and pieces whose text ends in '.', '!' or '?'
// (closing quotes and brackets after it allowed).
class SentenceEnds {
 public:
  explicit SentenceEnds(const text::Tokenizer& tokenizer);
  bool ends(int64_t id) const { return id >= 0 && id < int64_t(ends_.size()) && ends_[id]; }
  int64_t end_of_text() const { return end_of_text_; }

 private:
  std::vector<bool> ends_;
  int64_t end_of_text_;
};

class SentenceModel {
 public:
  virtual ~SentenceModel() = default;
  // log P(sentence | context) in nats.
  virtual double log_prob(const Tokens& context, const Tokens& sentence) = 0;
  // A sentence drawn from P(. | context): tokens up to the first sentence end (kept), or
  // `max_tokens` of them.
  virtual Tokens sample(const Tokens& context, std::mt19937_64& random) = 0;
};

// One GPT-2 with its tokenizer, as `memorization train` saves it.
class Gpt2SentenceModel : public SentenceModel {
 public:
  // `max_tokens`: the longest sentence sampled; the window keeps room for it.
  Gpt2SentenceModel(std::filesystem::path dir, int64_t max_tokens);

  double log_prob(const Tokens& context, const Tokens& sentence) override;
  Tokens sample(const Tokens& context, std::mt19937_64& random) override;

  // log P(context without its first token | its first token) and log P(sentence | context),
  // from one forward pass over the window.
  std::pair<double, double> log_probs(const Tokens& context, const Tokens& sentence);
  // The part of `context` the model reads before a sentence: its last window_length() tokens.
  Tokens window(const Tokens& context) const;
  int64_t window_length() const { return model_->config().n_positions - max_tokens_; }

  const std::filesystem::path& dir() const { return dir_; }
  const text::Tokenizer& tokenizer() const { return *tokenizer_; }
  const SentenceEnds& sentence_ends() const { return ends_; }

 private:
  std::filesystem::path dir_;
  nn::Gpt2LMHeadModel model_{nullptr};
  std::unique_ptr<text::Tokenizer> tokenizer_;
  SentenceEnds ends_;
  int64_t max_tokens_;
};

// P = alpha P- + (1 - alpha) P+ over whole texts, exactly: after a context the components
// are weighed by their posterior alpha P-(context) : (1 - alpha) P+(context), both read
// through the same window.
class MixtureSentenceModel : public SentenceModel {
 public:
  // alpha in (0, 1); the components must share one vocabulary.
  MixtureSentenceModel(double alpha, std::shared_ptr<Gpt2SentenceModel> negative,
                       std::shared_ptr<Gpt2SentenceModel> positive);

  double log_prob(const Tokens& context, const Tokens& sentence) override;
  Tokens sample(const Tokens& context, std::mt19937_64& random) override;
  // The posterior weight of P- after `context`.
  double negative_weight(const Tokens& context);

 private:
  double alpha_;
  std::shared_ptr<Gpt2SentenceModel> negative_, positive_;
};

// An error naming both directories unless the two tokenizers are the same vocabulary.
void check_same_vocabulary(const Gpt2SentenceModel& a, const Gpt2SentenceModel& b);

// "ALPHA:NEG_DIR,POS_DIR" (mnemo beb ... --mixture); errors name the option.
struct MixtureSpec {
  double alpha = 0;
  std::filesystem::path negative, positive;
};
MixtureSpec parse_mixture(const std::string& spec);

// log(exp(a) + exp(b)), exact where either is -infinity.
double log_add_exp(double a, double b);

}  // namespace mnemo::beb
