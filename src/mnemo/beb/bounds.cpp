#include "mnemo/beb/bounds.h"

#include <cmath>

#include "mnemo/core/error.h"

namespace mnemo::beb {
namespace {

bool has_aligning_terms(const BoundInputs& in) {
  return in.beta_prime && in.sigma && in.aligning_prompt_length;
}

void require_aligning_terms(const BoundInputs& in, const std::string& theorem) {
  if (!has_aligning_terms(in))
    throw Error(theorem + " needs --beta-prime, --sigma and --aligning-prompt-len");
}

}  // namespace

void BoundInputs::validate() const {
  if (!(alpha > 0 && alpha < 1))
    throw Error("--alpha must lie in (0, 1), got " + std::to_string(alpha));
  if (!(beta > 0)) throw Error("--beta must be positive, got " + std::to_string(beta));
  if (!(epsilon > 0)) throw Error("--epsilon must be positive, got " + std::to_string(epsilon));
  if (beta_prime && !(*beta_prime >= 0)) throw Error("--beta-prime must be at least 0");
  if (sigma && !(*sigma >= 0)) throw Error("--sigma must be at least 0");
  if (aligning_prompt_length && !(*aligning_prompt_length >= 0))
    throw Error("--aligning-prompt-len must be at least 0");
  if (!(delta > 0 && delta < 1)) throw Error("--delta must lie in (0, 1)");
  if (turns < 0) throw Error("--turns must be at least 0");
  if (best_of < 0) throw Error("--best-of must be at least 0");
}

double theorem1_length(const BoundInputs& in) {
  return (std::log(1 / in.alpha) + std::log(1 / in.epsilon) + std::log(4.0)) / in.beta;
}

double theorem2_length(const BoundInputs& in) {
  require_aligning_terms(in, "Theorem 2");
  const double s0 = *in.aligning_prompt_length;
  return theorem1_length(in) + *in.beta_prime / in.beta * s0 +
         *in.sigma / in.beta * std::sqrt(s0 / in.delta) + 1;
}

double theorem3_length(const BoundInputs& in) {
  require_aligning_terms(in, "Theorem 3");
  if (in.turns < 1) throw Error("Theorem 3 needs --turns (at least 1)");
  const double a = *in.aligning_prompt_length, n = static_cast<double>(in.turns);
  return theorem1_length(in) +
         n * (*in.beta_prime / in.beta * a + *in.sigma / in.beta * std::sqrt(n * a / in.delta)) + n;
}

double theorem4_length(const BoundInputs& in) {
  if (in.best_of < 1) throw Error("Theorem 4 needs --best-of (at least 1)");
  return theorem1_length(in) + std::log(static_cast<double>(in.best_of)) / in.beta;
}

double transition_length(const BoundInputs& in) { return std::log(1 / in.alpha) / in.beta; }

std::vector<Bound> bounds(const BoundInputs& in) {
  in.validate();
  std::vector<Bound> out = {
      {"Theorem 1", "(1/beta)(log 1/alpha + log 1/eps + log 4)", theorem1_length(in)}};
  if (has_aligning_terms(in))
    out.push_back({"Theorem 2", "T1 + (beta'/beta) len(s0) + (sigma/beta) sqrt(len(s0)/delta) + 1",
                   theorem2_length(in)});
  if (has_aligning_terms(in) && in.turns > 0)
    out.push_back({"Theorem 3",
                   "T1 + n [(beta'/beta) len(a) + (sigma/beta) sqrt(n len(a)/delta)] + n",
                   theorem3_length(in)});
  if (in.best_of > 0) out.push_back({"Theorem 4", "T1 + (1/beta) log n", theorem4_length(in)});
  out.push_back({"transition", "log(1/alpha)/beta", transition_length(in)});
  return out;
}

nlohmann::json Bound::to_json() const {
  return {{"bound", name}, {"formula", formula}, {"sentences", sentences}};
}

nlohmann::json BoundReport::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& bound : bounds) {
    auto row = bound.to_json();
    row["prompt_sentences"] = std::ceil(bound.sentences);
    rows.push_back(row);
  }
  return {{"alpha", inputs.alpha},
          {"beta", inputs.beta},
          {"epsilon", inputs.epsilon},
          {"bounds", rows}};
}

BoundReport report_bounds(const BoundInputs& in) { return {in, bounds(in)}; }

}  // namespace mnemo::beb
