// mnemo gpt2 init: a randomly initialised GPT-2 model directory of a named geometry.
// mnemo generate: text from a GPT-2 model directory (Hugging Face layout, tokenizer inside).
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/lm/generation.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::cli {
namespace {

void run_init(const InitOptions& options) {
  const auto tokenizer = text::load_tokenizer(options.tokenizer);
  auto config = nn::gpt2_geometry(options.geometry, tokenizer->vocab_size());
  config.bos_token_id = config.eos_token_id = text::end_of_text_id(*tokenizer);
  torch::manual_seed(options.seed);
  nn::Gpt2LMHeadModel model(config);
  io::AtomicDirectory out(options.out);
  nn::save_gpt2(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  std::cout << "wrote " << options.out << ": GPT-2 " << options.geometry << ", " << config.n_layer
            << " layers, d=" << config.n_embd << ", vocabulary " << config.vocab_size << "\n";
}

struct GenerateOptions {
  std::string model;
  std::string prompt;
  lm::GenerationOptions generation;
  bool no_cache = false;
  bool json = false;
};

void run_generate(GenerateOptions options) {
  auto loaded = nn::load_gpt2(options.model);
  if (!loaded.report.missing.empty()) std::cerr << loaded.report.summary();
  const auto tokenizer = text::load_tokenizer(options.model);
  if (tokenizer->vocab_size() > loaded.model->config().vocab_size)
    throw Error(options.model + ": the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                " tokens, the model's vocab_size is " +
                std::to_string(loaded.model->config().vocab_size));
  auto& generation = options.generation;
  generation.use_cache = !options.no_cache;
  generation.eos_token_id = loaded.model->config().eos_token_id;
  const auto prompt = tokenizer->encode(options.prompt);

  // Text is printed as it comes: each step decodes everything so far and prints what is
  // new, once it no longer ends in half a character.
  std::string shown;
  std::vector<int64_t> so_far;
  auto show = [&](int64_t token) {
    if (options.json || token == generation.eos_token_id) return;
    so_far.push_back(token);
    const std::string text = tokenizer->decode(so_far);
    if (text.size() < shown.size() || text.compare(0, shown.size(), shown) != 0 ||
        text.rfind("\xEF\xBF\xBD") == text.size() - 3)
      return;
    std::cout << text.substr(shown.size()) << std::flush;
    shown = text;
  };
  const auto started = std::chrono::steady_clock::now();
  if (!options.json) std::cout << options.prompt << std::flush;
  auto generated = lm::generate(*loaded.model, prompt, generation, torch::Tensor(), show);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const bool ended = !generated.empty() && generated.back() == generation.eos_token_id;
  if (ended) generated.pop_back();
  const std::string completion = tokenizer->decode(generated);
  if (options.json) {
    nlohmann::json result = {{"prompt", options.prompt},
                             {"completion", completion},
                             {"prompt_tokens", prompt.size()},
                             {"tokens", generated},
                             {"ended_with_eos", ended},
                             {"seconds", seconds},
                             {"tokens_per_s", double(generated.size()) / seconds}};
    std::cout << result.dump(2) << "\n";
    return;
  }
  if (completion.size() > shown.size()) std::cout << completion.substr(shown.size());
  std::cout << "\n";
  std::cerr << generated.size() << " tokens in " << seconds << " s ("
            << static_cast<int64_t>(double(generated.size()) / seconds) << " tokens/s)"
            << (ended ? ", ended by end-of-text" : "") << "\n";
}

}  // namespace

void add_gpt2_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("gpt2", "GPT-2 language models");
  group->require_subcommand(1);
  add_init_command(*group, action, "write a randomly initialised GPT-2 model directory",
                   {"tiny", "small", "gpt2"}, run_init);
}

void add_generate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GenerateOptions>();
  auto& g = options->generation;
  auto* generate = app.add_subcommand(
      "generate", "continue a prompt with a GPT-2 model directory (greedy unless sampling)");
  generate->add_option("--model", options->model, "GPT-2 model directory with its tokenizer")
      ->required()
      ->check(CLI::ExistingDirectory);
  generate->add_option("--prompt", options->prompt, "the text to continue")->required();
  generate->add_option("--max-new-tokens", g.max_new_tokens, "tokens to generate at most")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto* sample = generate->add_flag("--sample", g.sampling.sample, "sample instead of argmax");
  generate->add_option("--temperature", g.sampling.temperature, "divides the logits")
      ->capture_default_str()
      ->needs(sample);
  generate->add_option("--top-k", g.sampling.top_k, "sample among the k most likely (0: all)")
      ->capture_default_str()
      ->needs(sample);
  generate
      ->add_option("--top-p", g.sampling.top_p,
                   "sample among the most likely tokens holding this probability")
      ->capture_default_str()
      ->needs(sample);
  generate->add_option("--seed", g.sampling.seed, "random seed for sampling")
      ->capture_default_str();
  generate->add_flag("--no-cache", options->no_cache,
                     "re-run the whole sequence for every token (slow; for checking the cache)");
  generate->add_flag("--json", options->json, "print JSON (completion, token ids, tokens/s)");
  generate->callback([&action, options] { action = [options] { run_generate(*options); }; });
}

}  // namespace mnemo::cli
