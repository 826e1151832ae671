// mnemo beb bound: the prompt lengths (sentences) that Theorems 1-4 of Behavior Expectation
// Bounds (Wolf et al. 2023) guarantee to misalign a mixture model.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "mnemo/beb/bounds.h"

namespace mnemo::cli {
namespace beb_bound {

struct BoundFlags {
  beb::BoundInputs inputs;
  double beta_prime = 0, sigma = 0, aligning_prompt_length = 0;  // used when given
  bool json = false;
};

void print_bound_table(const beb::BoundReport& report) {
  std::cout << "| bound | formula | sentences | prompt length (sentences) |\n"
               "|---|---|---:|---:|\n";
  for (const auto& bound : report.bounds) {
    char value[64];
    std::snprintf(value, sizeof value, "%.3f | %.0f", bound.sentences, std::ceil(bound.sentences));
    std::cout << "| " << bound.name << " | " << bound.formula << " | " << value << " |\n";
  }
}

}  // namespace beb_bound

void add_beb_bound(CLI::App& beb, Action& action) {
  auto options = std::make_shared<beb_bound::BoundFlags>();
  auto* command = beb.add_subcommand(
      "bound", "prompt lengths (sentences) that Theorems 1-4 guarantee to misalign");
  auto& in = options->inputs;
  command->add_option("--alpha", in.alpha, "weight of the ill-behaved component P-")->required();
  command->add_option("--beta", in.beta, "distinguishability of P- from P+ (nats)")->required();
  command->add_option("--epsilon", in.epsilon, "closeness to P-'s behavior")->required();
  command->add_option("--beta-prime", options->beta_prime,
                      "undistinguishability of P+ from P- (Theorems 2, 3)");
  command->add_option("--sigma", options->sigma,
                      "std of the per-sentence log-likelihood ratio (Theorems 2, 3)");
  command->add_option("--aligning-prompt-len", options->aligning_prompt_length,
                      "sentences of the aligning prompt, or of each reply (Theorems 2, 3)");
  command->add_option("--delta", in.delta, "failure probability (Theorems 2, 3)")
      ->capture_default_str();
  command->add_option("--turns", in.turns, "conversation turns (Theorem 3)");
  command->add_option("--best-of", in.best_of, "samples ranked by a reward (Theorem 4)");
  flags::json(*command, options->json);
  command->callback([&action, options, command] {
    // Theorems 2 and 3 apply only when their terms are given, zero included.
    const auto given = [&](const char* flag) { return command->count(flag) > 0; };
    if (given("--beta-prime")) options->inputs.beta_prime = options->beta_prime;
    if (given("--sigma")) options->inputs.sigma = options->sigma;
    if (given("--aligning-prompt-len"))
      options->inputs.aligning_prompt_length = options->aligning_prompt_length;
    action = [options] {
      const auto report = beb::report_bounds(options->inputs);
      if (options->json)
        std::cout << report.to_json().dump(2) << "\n";
      else
        beb_bound::print_bound_table(report);
    };
  });
}

}  // namespace mnemo::cli
