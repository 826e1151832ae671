// mnemo generate: text from a GPT-2 model directory (Hugging Face layout, tokenizer inside).
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/lm/text_generation.h"

namespace mnemo::cli {

void add_generate(CLI::App& app, Action& action) {
  struct Options {
    lm::TextGenerationSettings generation;
    bool no_cache = false;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto& g = options->generation;
  auto* command = app.add_subcommand(
      "generate", "continue a prompt with a GPT-2 model directory (greedy unless sampling)");
  flags::model(*command, g.model, "GPT-2 model directory with its tokenizer");
  command->add_option("--prompt", g.prompt, "the text to continue")->required();
  command->add_option("--max-new-tokens", g.max_new_tokens, "tokens to generate at most")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto* sample = command->add_flag("--sample", g.sampling.sample, "sample instead of argmax");
  command->add_option("--temperature", g.sampling.temperature, "divides the logits")
      ->capture_default_str()
      ->needs(sample);
  command->add_option("--top-k", g.sampling.top_k, "sample among the k most likely (0: all)")
      ->capture_default_str()
      ->needs(sample);
  command
      ->add_option("--top-p", g.sampling.top_p,
                   "sample among the most likely tokens holding this probability")
      ->capture_default_str()
      ->needs(sample);
  flags::seed(*command, g.sampling.seed, "random seed for sampling");
  command->add_flag("--no-cache", options->no_cache,
                    "re-run the whole sequence for every token (slow; for checking the cache)");
  flags::json(*command, options->json, "print JSON (completion, token ids, tokens/s)");
  on_chosen(*command, action, [options] {
    auto settings = options->generation;
    settings.use_cache = !options->no_cache;
    ProgressLine line;
    if (options->json) {
      const auto result = lm::generate_text(settings, {}, line.progress());
      std::cout << result.to_json().dump(2) << "\n";
      return;
    }
    // The prompt, then the completion as it comes.
    const auto result = lm::generate_text(
        settings, [](const std::string& text) { std::cout << text << std::flush; },
        line.progress());
    std::cout << "\n";
    std::cerr << result.tokens.size() << " tokens in " << result.seconds << " s ("
              << static_cast<int64_t>(result.tokens_per_second()) << " tokens/s)"
              << (result.ended_with_eos ? ", ended by end-of-text" : "") << "\n";
  });
}

}  // namespace mnemo::cli
