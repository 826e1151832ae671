#include "mnemo/beb/sentence_model.h"

#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"
#include "mnemo/lm/generation.h"
#include "mnemo/nn/gpt2_checkpoint.h"

namespace mnemo::beb {
namespace {

bool ends_sentence(std::string piece) {
  while (!piece.empty() && std::string("\"')]").find(piece.back()) != std::string::npos)
    piece.pop_back();
  return !piece.empty() && std::string(".!?").find(piece.back()) != std::string::npos;
}

}  // namespace

SentenceEnds::SentenceEnds(const text::Tokenizer& tokenizer)
    : ends_(tokenizer.vocab_size()), end_of_text_(text::end_of_text_id(tokenizer)) {
  for (int64_t id = 0; id < tokenizer.vocab_size(); ++id)
    ends_[id] = id == end_of_text_ || ends_sentence(tokenizer.token(id));
}

Gpt2SentenceModel::Gpt2SentenceModel(std::filesystem::path dir, int64_t max_tokens)
    : dir_(std::move(dir)),
      model_(nn::load_complete_gpt2(dir_)),
      tokenizer_(text::load_tokenizer(dir_)),
      ends_(*tokenizer_),
      max_tokens_(max_tokens) {
  const auto& config = model_->config();
  if (tokenizer_->vocab_size() > config.vocab_size)
    throw file_error(dir_.string(),
                     "the tokenizer has " + std::to_string(tokenizer_->vocab_size()) +
                         " tokens, the model's vocab_size is " + std::to_string(config.vocab_size));
  if (max_tokens_ < 1) throw Error("--max-sentence-tokens must be at least 1");
  if (2 * max_tokens_ > config.n_positions)
    throw file_error(dir_.string(), "reads " + std::to_string(config.n_positions) +
                                        " positions; --max-sentence-tokens " +
                                        std::to_string(max_tokens_) +
                                        " needs a model of at least twice as many");
  model_->eval();
}

Tokens Gpt2SentenceModel::window(const Tokens& context) const {
  const auto keep = static_cast<size_t>(window_length());
  if (context.size() <= keep) return context;
  return Tokens(context.end() - keep, context.end());
}

std::pair<double, double> Gpt2SentenceModel::log_probs(const Tokens& context,
                                                       const Tokens& sentence) {
  if (context.empty()) throw Error("beb: a context holds at least end-of-text");
  if (static_cast<int64_t>(sentence.size()) > max_tokens_)
    throw Error("beb: a sentence of " + std::to_string(sentence.size()) +
                " tokens is longer than the " + std::to_string(max_tokens_) +
                " of --max-sentence-tokens");
  Tokens ids = window(context);
  const auto context_length = static_cast<int64_t>(ids.size());
  ids.insert(ids.end(), sentence.begin(), sentence.end());
  c10::InferenceMode inference;
  nn::Gpt2Inputs inputs;
  inputs.input_ids = torch::tensor(ids, torch::kLong).unsqueeze(0);
  const auto log_softmax = model_->forward(inputs)[0].to(torch::kDouble).log_softmax(-1);
  // Position t - 1 predicts token t.
  const auto targets = inputs.input_ids[0].slice(0, 1).unsqueeze(1);
  const auto token_log_probs = log_softmax.slice(0, 0, -1).gather(1, targets).squeeze(1);
  return {token_log_probs.slice(0, 0, context_length - 1).sum().item<double>(),
          token_log_probs.slice(0, context_length - 1).sum().item<double>()};
}

double Gpt2SentenceModel::log_prob(const Tokens& context, const Tokens& sentence) {
  return log_probs(context, sentence).second;
}

Tokens Gpt2SentenceModel::sample(const Tokens& context, std::mt19937_64& random) {
  if (context.empty()) throw Error("beb: a context holds at least end-of-text");
  c10::InferenceMode inference;
  nn::KvCache cache;
  nn::Gpt2Inputs inputs;
  inputs.cache = &cache;
  inputs.input_ids = torch::tensor(window(context), torch::kLong).unsqueeze(0);
  Tokens sentence;
  while (static_cast<int64_t>(sentence.size()) < max_tokens_) {
    // Only ids the tokenizer has: a model may keep spare rows beyond its vocabulary.
    const auto logits = model_->forward(inputs)[0][-1].slice(0, 0, tokenizer_->vocab_size());
    const auto token = lm::draw_token(logits.to(torch::kDouble).softmax(0), random);
    sentence.push_back(token);
    if (ends_.ends(token)) break;
    inputs.input_ids = torch::tensor({token}, torch::kLong).unsqueeze(0);
  }
  return sentence;
}

MixtureSentenceModel::MixtureSentenceModel(double alpha,
                                           std::shared_ptr<Gpt2SentenceModel> negative,
                                           std::shared_ptr<Gpt2SentenceModel> positive)
    : alpha_(alpha), negative_(std::move(negative)), positive_(std::move(positive)) {
  if (!(alpha > 0 && alpha < 1))
    throw Error("mixture: alpha must lie in (0, 1), got " + std::to_string(alpha));
  check_same_vocabulary(*negative_, *positive_);
  if (negative_->window_length() != positive_->window_length())
    throw Error("mixture: " + negative_->dir().string() + " and " + positive_->dir().string() +
                " read windows of different lengths; the posterior needs one");
}

double MixtureSentenceModel::log_prob(const Tokens& context, const Tokens& sentence) {
  const auto [negative_context, negative_sentence] = negative_->log_probs(context, sentence);
  const auto [positive_context, positive_sentence] = positive_->log_probs(context, sentence);
  const double negative_weight = std::log(alpha_) + negative_context;
  const double positive_weight = std::log1p(-alpha_) + positive_context;
  return log_add_exp(negative_weight + negative_sentence, positive_weight + positive_sentence) -
         log_add_exp(negative_weight, positive_weight);
}

double MixtureSentenceModel::negative_weight(const Tokens& context) {
  const double negative = std::log(alpha_) + negative_->log_probs(context, {}).first;
  const double positive = std::log1p(-alpha_) + positive_->log_probs(context, {}).first;
  return std::exp(negative - log_add_exp(negative, positive));
}

Tokens MixtureSentenceModel::sample(const Tokens& context, std::mt19937_64& random) {
  // The posterior predictive of a whole sentence: a component drawn by its posterior
  // weight, then the sentence from it.
  const double weight = negative_weight(context);
  const bool negative = std::uniform_real_distribution<double>(0.0, 1.0)(random) < weight;
  return (negative ? negative_ : positive_)->sample(context, random);
}

void check_same_vocabulary(const Gpt2SentenceModel& a, const Gpt2SentenceModel& b) {
  if (const auto difference = text::vocabulary_difference(a.tokenizer(), b.tokenizer()))
    throw Error(a.dir().string() + " and " + b.dir().string() +
                " have different vocabularies: " + *difference);
}

MixtureSpec parse_mixture(const std::string& spec) {
  const auto colon = spec.find(':');
  const auto comma = spec.find(',', colon == std::string::npos ? 0 : colon);
  if (colon == std::string::npos || comma == std::string::npos || comma == colon + 1 ||
      comma + 1 == spec.size())
    throw Error("--mixture '" + spec + "': expected ALPHA:NEG_DIR,POS_DIR");
  const auto alpha_text = spec.substr(0, colon);
  const auto alpha = parse_number(alpha_text);
  if (!alpha) throw Error("--mixture '" + spec + "': '" + alpha_text + "' is not a number");
  MixtureSpec mixture;
  mixture.alpha = *alpha;
  if (!(mixture.alpha > 0 && mixture.alpha < 1))
    throw Error("--mixture '" + spec + "': alpha must lie in (0, 1)");
  mixture.negative = spec.substr(colon + 1, comma - colon - 1);
  mixture.positive = spec.substr(comma + 1);
  return mixture;
}

double log_add_exp(double a, double b) {
  if (a == -std::numeric_limits<double>::infinity()) return b;
  if (b == -std::numeric_limits<double>::infinity()) return a;
  const double high = std::max(a, b);
  return high + std::log1p(std::exp(-std::abs(a - b)));
}

}  // namespace mnemo::beb
