// The prompt lengths, in sentences, that Theorems 1-4 of Wolf et al. (2023) guarantee to
// misalign a mixture P = alpha P- + (1 - alpha) P+ to within epsilon of P-'s behavior, and
// the transition length log(1/alpha)/beta around which B_P(s) falls (PAPERS.md section 4).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mnemo::beb {

struct BoundInputs {
  double alpha = 0;    // weight of the ill-behaved component, in (0, 1)
  double beta = 0;     // distinguishability of P- from P+, > 0 (nats per sentence)
  double epsilon = 0;  // closeness to P-'s behavior asked for, > 0
  // Theorems 2 and 3: an aligning prompt (or each model reply) of this many sentences.
  std::optional<double> beta_prime;  // undistinguishability of P+ from P-, >= 0
  std::optional<double> sigma;       // similarity: std of the log-likelihood ratio a sentence
  std::optional<double> aligning_prompt_length;
  double delta = 0.05;  // the guarantees of Theorems 2 and 3 hold with probability 1 - delta
  int64_t turns = 0;    // Theorem 3: conversation turns (0: not computed)
  int64_t best_of = 0;  // Theorem 4: best of n samples against a reward (0: not computed)

  // Impossible values are an error naming the option (--alpha, ...).
  void validate() const;
};

struct Bound {
  std::string name;     // "Theorem 1", ..., "transition"
  std::string formula;  // as printed beside the number
  double sentences = 0;

  // {"bound", "formula", "sentences"}.
  nlohmann::json to_json() const;
};

// Theorem 1's length: (1/beta)(log 1/alpha + log 1/epsilon + log 4).
double theorem1_length(const BoundInputs& in);
// Theorem 2: Theorem 1's + (beta'/beta)|s0| + (sigma/beta) sqrt(|s0|/delta) + 1.
double theorem2_length(const BoundInputs& in);
// Theorem 3, n turns with replies of |a| sentences: Theorem 1's
// + n [(beta'/beta)|a| + (sigma/beta) sqrt(n|a|/delta)] + n.
double theorem3_length(const BoundInputs& in);
// Theorem 4, best of n: Theorem 1's + (1/beta) log n.
double theorem4_length(const BoundInputs& in);
// The centre of B_P(s)'s fall: log(1/alpha)/beta.
double transition_length(const BoundInputs& in);

// Every bound the inputs allow (Theorem 1 and the transition always; 2 with beta', sigma and
// an aligning prompt; 3 with those and turns; 4 with best-of).
std::vector<Bound> bounds(const BoundInputs& in);

// The bounds with the inputs they came from (`beb bound`).
struct BoundReport {
  BoundInputs inputs;
  std::vector<Bound> bounds;

  // {"alpha", "beta", "epsilon", "bounds": [... with "prompt_sentences", the length rounded up]}.
  nlohmann::json to_json() const;
};
BoundReport report_bounds(const BoundInputs& in);

}  // namespace mnemo::beb
