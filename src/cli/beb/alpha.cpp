// mnemo beb alpha: the mixture weight that best explains what a model writes as
// alpha P- + (1 - alpha) P+ (maximum likelihood).
#include <iostream>

#include "cli/beb/beb_flags.h"
#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/beb/estimate_run.h"

namespace mnemo::cli {

void add_beb_alpha(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<beb::AlphaSettings>();
  auto* command = beb.add_subcommand(
      "alpha", "the mixture weight that best explains a model's sentences (maximum likelihood)");
  flags::beb_model(*command, settings->model);
  flags::beb_components(*command, settings->positive, settings->negative);
  command
      ->add_option("--data", settings->data,
                   "sentences, one per line: fit the model's log-likelihoods of them (default: "
                   "fit the sentences it samples)")
      ->check(CLI::ExistingFile);
  command->add_option("--samples", settings->samples, "sentences the model samples")
      ->capture_default_str();
  command->add_option("--seed", settings->seed, "sampling seed")->capture_default_str();
  command->add_option("--out", settings->out, "write the estimate as JSON here");
  flags::beb_sentence_length(*command, settings->max_sentence_tokens);
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto result = beb::fit_model_alpha(*settings, line.progress());
    line.finish();
    const auto& data = settings->data;
    std::cout << "alpha " << result.fit.alpha.text() << " from " << result.sentences
              << (data.empty() ? " sampled sentences" : " sentences of " + data)
              << (result.cut ? " (" + std::to_string(result.cut) + " cut to --max-sentence-tokens)"
                             : "")
              << "; log-likelihood " << result.fit.log_likelihood << "\n";
  });
}

}  // namespace mnemo::cli
