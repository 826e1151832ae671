#include "mnemo/beb/estimation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "mnemo/beb/sentence_model.h"
#include "mnemo/core/error.h"

namespace mnemo::beb {
namespace {

constexpr double kZ95 = 1.959963984540054;

double mean_of(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double sd_of(const std::vector<double>& values) {
  const double mean = mean_of(values);
  double squares = 0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / double(values.size() - 1));
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// log(alpha exp(n) + (1 - alpha) exp(p)) for one sentence.
double mixture_log_prob(double alpha, double log_negative, double log_positive) {
  return log_add_exp(alpha > 0 ? std::log(alpha) + log_negative : -kInfinity,
                     alpha < 1 ? std::log1p(-alpha) + log_positive : -kInfinity);
}

double log_likelihood(double alpha, const std::vector<double>& n, const std::vector<double>& p) {
  double sum = 0;
  for (size_t i = 0; i < n.size(); ++i) sum += mixture_log_prob(alpha, n[i], p[i]);
  return sum;
}

// d/d alpha of the log-likelihood: sum (P- - P+) / (alpha P- + (1 - alpha) P+), computed
// as (1 - r) / (alpha + (1 - alpha) r) with r = P+/P-, scaled to avoid overflow.
double slope(double alpha, const std::vector<double>& n, const std::vector<double>& p) {
  double sum = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    const double d = p[i] - n[i];
    sum += d > 0 ? (std::exp(-d) - 1) / (alpha * std::exp(-d) + (1 - alpha))
                 : (1 - std::exp(d)) / (alpha + (1 - alpha) * std::exp(d));
  }
  return sum;
}

// Bisection for the point of [low, high] where the monotone `f` changes sign.
template <typename F>
double crossing(double low, double high, F f) {
  const bool rising = f(high) > f(low);
  for (int i = 0; i < 200; ++i) {
    const double middle = (low + high) / 2;
    ((f(middle) > 0) == rising ? high : low) = middle;
  }
  return (low + high) / 2;
}

void check_log_probs(const std::vector<double>& n, const std::vector<double>& p) {
  if (n.empty() || n.size() != p.size())
    throw Error("mixture weight: needs one P- and one P+ log-probability per sentence");
  for (size_t i = 0; i < n.size(); ++i)
    if (std::isnan(n[i]) || std::isnan(p[i]) || std::max(n[i], p[i]) == -kInfinity)
      throw Error("mixture weight: sentence " + std::to_string(i) +
                  " has no finite probability under P- or P+ (" + std::to_string(n[i]) + ", " +
                  std::to_string(p[i]) + ")");
}

// alpha as the logistic of t, so that a grid over t reaches alphas like 1e-8.
double alpha_of(double t) { return 1 / (1 + std::exp(-t)); }

}  // namespace

nlohmann::json Estimate::to_json() const {
  return {{"value", value}, {"low", low}, {"high", high}, {"samples", samples}};
}

std::string Estimate::text() const {
  char text[96];
  std::snprintf(text, sizeof text, "%.4g [%.4g, %.4g]", value, low, high);
  return text;
}

Estimate mean_estimate(const std::vector<double>& values) {
  if (values.empty()) throw Error("estimate: no samples");
  const double mean = mean_of(values);
  const double half =
      values.size() > 1 ? kZ95 * sd_of(values) / std::sqrt(double(values.size())) : 0;
  return {mean, mean - half, mean + half, int64_t(values.size())};
}

Estimate sd_estimate(const std::vector<double>& values) {
  if (values.size() < 2) throw Error("estimate: a spread needs at least two samples");
  const double sd = sd_of(values);
  const double relative = kZ95 / std::sqrt(2.0 * double(values.size() - 1));
  const double high = relative < 1 ? sd / (1 - relative) : kInfinity;
  return {sd, sd / (1 + relative), high, int64_t(values.size())};
}

Tokens sample_text(SentenceModel& model, Tokens start, int64_t sentences, std::mt19937_64& random) {
  for (int64_t i = 0; i < sentences; ++i) {
    const auto sentence = model.sample(start, random);
    start.insert(start.end(), sentence.begin(), sentence.end());
  }
  return start;
}

Distinguishability estimate_distinguishability(Gpt2SentenceModel& negative,
                                               Gpt2SentenceModel& positive,
                                               const DistinguishabilityOptions& options,
                                               const Progress& progress) {
  if (options.samples < 2) throw Error("beb estimate: --samples must be at least 2");
  check_same_vocabulary(negative, positive);
  const Tokens start{negative.sentence_ends().end_of_text()};
  std::mt19937_64 random(options.seed);
  const auto prefix = [&](Gpt2SentenceModel& source, int64_t i) {
    if (!options.prefixes.empty()) return options.prefixes[i % options.prefixes.size()];
    return sample_text(source, start, options.prefix_sentences, random);
  };
  std::vector<double> negative_ratios, positive_ratios;
  for (int64_t i = 0; i < options.samples; ++i) {
    const auto negative_prefix = prefix(negative, i);
    const auto x = negative.sample(negative_prefix, random);
    negative_ratios.push_back(negative.log_prob(negative_prefix, x) -
                              positive.log_prob(negative_prefix, x));
    const auto positive_prefix = prefix(positive, i);
    const auto y = positive.sample(positive_prefix, random);
    positive_ratios.push_back(positive.log_prob(positive_prefix, y) -
                              negative.log_prob(positive_prefix, y));
    progress.update(
        double(i + 1), double(options.samples),
        "estimate: sample " + std::to_string(i + 1) + "/" + std::to_string(options.samples));
  }
  return {mean_estimate(negative_ratios), mean_estimate(positive_ratios),
          sd_estimate(positive_ratios)};
}

MixtureWeight fit_mixture_weight(const std::vector<double>& log_negative,
                                 const std::vector<double>& log_positive) {
  check_log_probs(log_negative, log_positive);
  const auto& n = log_negative;
  const auto& p = log_positive;
  // The log-likelihood is concave in alpha: its top is where the slope crosses zero.
  double alpha = 0;
  if (slope(1, n, p) >= 0)
    alpha = 1;
  else if (slope(0, n, p) > 0)
    alpha = crossing(0, 1, [&](double a) { return slope(a, n, p); });
  const double top = log_likelihood(alpha, n, p);
  const double floor = top - kZ95 * kZ95 / 2;  // the likelihood-ratio 95% interval
  const auto above = [&](double a) { return log_likelihood(a, n, p) - floor; };
  const double low = above(0) >= 0 ? 0 : crossing(0, alpha, above);
  const double high = above(1) >= 0 ? 1 : crossing(alpha, 1, above);
  return {{alpha, low, high, int64_t(n.size())}, top};
}

MixtureWeight fit_mixture_weight_to_likelihoods(const std::vector<double>& log_model,
                                                const std::vector<double>& log_negative,
                                                const std::vector<double>& log_positive) {
  check_log_probs(log_negative, log_positive);
  if (log_model.size() != log_negative.size())
    throw Error("mixture weight: needs the model's log-probability of every sentence");
  const auto rss = [&](double alpha) {
    double sum = 0;
    for (size_t i = 0; i < log_model.size(); ++i) {
      const double residual =
          log_model[i] - mixture_log_prob(alpha, log_negative[i], log_positive[i]);
      sum += residual * residual;
    }
    return sum;
  };
  // The squared error need not be convex in alpha: a grid over t = logit(alpha) with both
  // ends, then golden-section refinement between the best grid point's neighbours.
  constexpr double kStep = 0.05, kReach = 40;
  std::vector<double> grid{0.0};
  for (double t = -kReach; t <= kReach; t += kStep) grid.push_back(alpha_of(t));
  grid.push_back(1.0);
  std::vector<double> errors;
  for (const double a : grid) errors.push_back(rss(a));
  const auto best = size_t(std::min_element(errors.begin(), errors.end()) - errors.begin());
  double alpha = grid[best];
  if (best > 0 && best + 1 < grid.size()) {
    const auto t_of = [&](double a, double fallback) {
      return a > 0 && a < 1 ? std::log(a / (1 - a)) : fallback;
    };
    double low = t_of(grid[best - 1], -kReach - kStep);
    double high = t_of(grid[best + 1], kReach + kStep);
    const double golden = (std::sqrt(5.0) - 1) / 2;
    for (int i = 0; i < 100; ++i) {
      const double a = high - golden * (high - low), b = low + golden * (high - low);
      if (rss(alpha_of(a)) < rss(alpha_of(b)))
        high = b;
      else
        low = a;
    }
    alpha = alpha_of((low + high) / 2);
  }
  const double n = double(log_model.size());
  const double smallest = std::max(rss(alpha), 1e-300);
  const auto outside = [&](double a) {
    return n / 2 * std::log(std::max(rss(a), 1e-300) / smallest) - kZ95 * kZ95 / 2;
  };
  // Each end: the first grid point outside the interval, then bisection towards alpha.
  const auto end = [&](int direction) {
    size_t i = best;
    while (i > 0 && i + 1 < grid.size() && outside(grid[i]) <= 0) i += direction;
    if (outside(grid[i]) <= 0) return grid[i];
    return crossing(std::min(alpha, grid[i]), std::max(alpha, grid[i]), outside);
  };
  // Bisection rounding may land a hair past alpha where the interval is a point.
  return {{alpha, std::min(end(-1), alpha), std::max(end(+1), alpha), int64_t(log_model.size())},
          -n / 2 * std::log(smallest / n)};
}

}  // namespace mnemo::beb
