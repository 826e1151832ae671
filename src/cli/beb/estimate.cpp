// mnemo beb estimate: beta, beta' and sigma of two components, with 95% intervals.
#include <iostream>

#include "cli/beb/beb_flags.h"
#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/beb/estimate_run.h"

namespace mnemo::cli {

void add_beb_estimate(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<beb::EstimateSettings>();
  auto* command =
      beb.add_subcommand("estimate", "beta, beta' and sigma of two components, with intervals");
  flags::beb_components(*command, settings->positive, settings->negative);
  auto& e = settings->estimation;
  command->add_option("--samples", e.samples, "continuations sampled from each")
      ->capture_default_str();
  command
      ->add_option("--prefixes", settings->prefixes,
                   "prefixes, one per line, taken in turn (default: sampled from the component)")
      ->check(CLI::ExistingFile);
  command->add_option("--prefix-sentences", e.prefix_sentences, "sentences of a sampled prefix")
      ->capture_default_str();
  command->add_option("--seed", e.seed, "sampling seed")->capture_default_str();
  command->add_option("--out", settings->out, "write the estimates as JSON here");
  flags::beb_sentence_length(*command, settings->max_sentence_tokens);
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto found = beb::estimate_components(*settings, line.progress()).found;
    line.finish();
    std::cout << "| quantity | estimate [95% interval] | samples |\n|---|---|---:|\n"
              << "| beta: E KL(P- || P+), nats per sentence | " << found.beta.text() << " | "
              << found.beta.samples << " |\n"
              << "| beta': E KL(P+ || P-) | " << found.beta_prime.text() << " | "
              << found.beta_prime.samples << " |\n"
              << "| sigma: sd of log P+/P- per sentence of P+ | " << found.sigma.text() << " | "
              << found.sigma.samples << " |\n";
  });
}

}  // namespace mnemo::cli
