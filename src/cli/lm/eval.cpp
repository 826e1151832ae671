// mnemo lm eval: perplexity of a decoder RMT on held-out text.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/lm_evaluation.h"

namespace mnemo::cli {

void add_lm_eval(CLI::App& lm, Action& action) {
  struct Options {
    eval::LmEvalSettings settings;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto& s = options->settings;
  auto* command =
      lm.add_subcommand("eval", "perplexity on windows of text files the model did not train on");
  command->add_option("--model", s.model, "decoder RMT model directory")->required();
  command->add_option("--data", s.data, "plain-text files")->required()->check(CLI::ExistingFile);
  command->add_option("--segments", s.segments, "segments per window")->capture_default_str();
  command->add_option("--windows", s.windows, "windows drawn at seeded offsets")
      ->capture_default_str();
  flags::batch(*command, s.batch, "windows per forward pass");
  flags::seed(*command, s.seed, "seed of the offsets");
  flags::json(*command, options->json, "the result as JSON");
  on_chosen(*command, action, [options] {
    const auto result = eval::evaluate_language_model(options->settings);
    if (options->json) {
      std::cout << result.to_json().dump() << "\n";
      return;
    }
    std::printf("perplexity %.3f (loss %.4f nats over %ld tokens, %ld windows of %ld segments)\n",
                result.perplexity, result.loss, static_cast<long>(result.tokens),
                static_cast<long>(result.windows), static_cast<long>(result.segments));
  });
}

}  // namespace mnemo::cli
