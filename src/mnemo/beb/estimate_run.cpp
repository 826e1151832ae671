#include "mnemo/beb/estimate_run.h"

#include <chrono>

#include "mnemo/beb/line_files.h"
#include "mnemo/beb/sentence_model.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::beb {
namespace {

void write_beb_json(const std::string& path, const nlohmann::json& json) {
  if (!path.empty()) io::write_file_atomic(path, json.dump(2) + "\n");
}

}  // namespace

EstimateResult estimate_components(const EstimateSettings& settings, const Progress& progress) {
  Gpt2SentenceModel negative(settings.negative, settings.max_sentence_tokens);
  Gpt2SentenceModel positive(settings.positive, settings.max_sentence_tokens);
  check_same_vocabulary(negative, positive);
  auto options = settings.estimation;
  if (!settings.prefixes.empty())
    options.prefixes = encoded_lines(settings.prefixes, negative.tokenizer(), true);
  const auto started = std::chrono::steady_clock::now();
  EstimateResult result;
  result.found = estimate_distinguishability(negative, positive, options, progress);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& found = result.found;
  write_beb_json(settings.out,
                 {{"negative", settings.negative},
                  {"positive", settings.positive},
                  {"prefixes", settings.prefixes.empty() ? nlohmann::json("sampled")
                                                         : nlohmann::json(settings.prefixes)},
                  {"prefix_sentences", options.prefix_sentences},
                  {"seed", options.seed},
                  {"beta", found.beta.to_json()},
                  {"beta_prime", found.beta_prime.to_json()},
                  {"sigma", found.sigma.to_json()},
                  {"seconds", result.seconds}});
  return result;
}

AlphaResult fit_model_alpha(const AlphaSettings& settings, const Progress& progress) {
  const auto chosen = load_chosen_model(settings.model, settings.max_sentence_tokens);
  Gpt2SentenceModel negative(settings.negative, settings.max_sentence_tokens);
  Gpt2SentenceModel positive(settings.positive, settings.max_sentence_tokens);
  check_same_vocabulary(negative, positive);
  check_same_vocabulary(*chosen.gpt2, negative);
  const Tokens start{negative.sentence_ends().end_of_text()};
  const bool sampled = settings.data.empty();
  // The model's own sentences after end-of-text (maximum likelihood of them under the
  // mixture), or those of `data` (the mixture's log-likelihoods fitted to the model's).
  AlphaResult result;
  std::vector<Tokens> sentences;
  if (!sampled) {
    sentences = encoded_lines(settings.data, negative.tokenizer(), false);
    for (auto& sentence : sentences)
      if (static_cast<int64_t>(sentence.size()) > settings.max_sentence_tokens) {
        sentence.resize(settings.max_sentence_tokens);
        ++result.cut;
      }
  }
  std::mt19937_64 random(settings.seed);
  const auto count = sampled ? settings.samples : int64_t(sentences.size());
  if (count < 1) throw Error("beb alpha: --samples must be at least 1");
  std::vector<double> log_model, log_negative, log_positive;
  for (int64_t i = 0; i < count; ++i) {
    const auto sentence = sampled ? chosen.model->sample(start, random) : sentences[i];
    if (!sampled) log_model.push_back(chosen.model->log_prob(start, sentence));
    log_negative.push_back(negative.log_prob(start, sentence));
    log_positive.push_back(positive.log_prob(start, sentence));
    progress.update(double(i + 1), double(count),
                    "alpha: sentence " + std::to_string(i + 1) + "/" + std::to_string(count));
  }
  result.sentences = count;
  result.fit = sampled ? fit_mixture_weight(log_negative, log_positive)
                       : fit_mixture_weight_to_likelihoods(log_model, log_negative, log_positive);
  write_beb_json(
      settings.out,
      {{"model", settings.model.dir.empty() ? settings.model.mixture : settings.model.dir},
       {"negative", settings.negative},
       {"positive", settings.positive},
       {"data", sampled ? nlohmann::json("sampled") : nlohmann::json(settings.data)},
       {"sentences_cut", result.cut},
       {"alpha", result.fit.alpha.to_json()},
       {"log_likelihood", result.fit.log_likelihood}});
  return result;
}

}  // namespace mnemo::beb
