// Estimating the quantities of the BEB theorems from two components (Wolf et al. 2023):
// beta (how far P- is from P+ on the next sentence), beta' (the reverse), sigma (spread of
// the per-sentence log-likelihood ratio), and a model's mixture weight alpha; each a Monte
// Carlo estimate with a 95% interval. Free of torch: the models are only named here.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "mnemo/beb/tokens.h"
#include "mnemo/core/progress.h"

namespace mnemo::beb {

class SentenceModel;
class Gpt2SentenceModel;

struct Estimate {
  double value = 0, low = 0, high = 0;  // the estimate and its 95% interval
  int64_t samples = 0;

  // {"value", "low", "high", "samples"}.
  nlohmann::json to_json() const;
  // "value [low, high]" for tables, 4 significant digits.
  std::string text() const;
};

// The mean with a normal-approximation interval (t-free: samples are in the hundreds).
Estimate mean_estimate(const std::vector<double>& values);
// The standard deviation with the chi-square interval's normal approximation,
// sd / (1 +- 1.96 / sqrt(2 (n - 1))). Needs two values or more.
Estimate sd_estimate(const std::vector<double>& values);

struct Distinguishability {
  Estimate beta;        // E KL(P-(.|s) || P+(.|s)), s from P-
  Estimate beta_prime;  // E KL(P+(.|s) || P-(.|s)), s from P+
  // sd of the per-sentence log-likelihood ratio log P+(x|s) / P-(x|s) for x from P+(.|s),
  // as Theorem 2's Chebyshev term takes it over an aligning prompt written by P+.
  Estimate sigma;
};

struct DistinguishabilityOptions {
  int64_t samples = 256;
  // Prefixes: these (end-of-text first), taken in turn; when empty, `prefix_sentences`
  // sentences sampled from the component the continuation comes from.
  std::vector<Tokens> prefixes;
  int64_t prefix_sentences = 2;
  uint64_t seed = 0;
};

// Each sample: a prefix s, a sentence x ~ P-(.|s) giving log P-(x|s) - log P+(x|s) (beta),
// and a sentence x' ~ P+(.|s') giving log P+(x'|s') - log P-(x'|s') (beta', sigma).
// Progress after each sample.
Distinguishability estimate_distinguishability(Gpt2SentenceModel& negative,
                                               Gpt2SentenceModel& positive,
                                               const DistinguishabilityOptions& options,
                                               const Progress& progress = {});

// `sentences` sentences drawn one after another from `model`, after `start`.
Tokens sample_text(SentenceModel& model, Tokens start, int64_t sentences, std::mt19937_64& random);

struct MixtureWeight {
  Estimate alpha;             // interval: where the log-likelihood is within 1.92 of its top
  double log_likelihood = 0;  // at alpha
};

// The alpha in [0, 1] maximising sum_i log(alpha P-(x_i) + (1 - alpha) P+(x_i)) for
// sentences x_i drawn from the model being explained, from their log-probabilities.
MixtureWeight fit_mixture_weight(const std::vector<double>& log_negative,
                                 const std::vector<double>& log_positive);

// The alpha in [0, 1] whose mixture log-likelihoods log(alpha P-(x) + (1 - alpha) P+(x))
// come closest (least squares) to a model's own log M(x) over given sentences: maximum
// likelihood if log M(x) is the mixture's plus Gaussian noise, and exact for an exact
// mixture. Interval: where (n/2) log(RSS(alpha) / RSS(best)) stays within 1.92;
// log_likelihood is the Gaussian profile -(n/2) log(RSS/n).
MixtureWeight fit_mixture_weight_to_likelihoods(const std::vector<double>& log_model,
                                                const std::vector<double>& log_negative,
                                                const std::vector<double>& log_positive);

}  // namespace mnemo::beb
