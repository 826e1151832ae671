// mnemo beb estimate | alpha: the quantities the BEB theorems take, measured on models.
// estimate: beta, beta' and sigma of two components; alpha: the mixture weight that best
// explains what a model writes as alpha P- + (1 - alpha) P+.
#include <chrono>
#include <iostream>

#include "cli/beb_options.h"
#include "cli/command.h"
#include "mnemo/beb/estimation.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"

namespace mnemo::cli {
namespace {

// The non-empty lines of a file, each encoded after end-of-text (prefixes) or alone
// (sentences); a file without one is an error naming it.
std::vector<beb::Tokens> encoded_lines(const std::string& path, const text::Tokenizer& tokenizer,
                                       bool after_end_of_text) {
  std::vector<beb::Tokens> lines;
  for (const auto& line : read_lines(path)) {
    if (is_blank(line)) continue;
    beb::Tokens tokens;
    if (after_end_of_text) tokens.push_back(text::end_of_text_id(tokenizer));
    const auto ids = tokenizer.encode(line);
    tokens.insert(tokens.end(), ids.begin(), ids.end());
    lines.push_back(std::move(tokens));
  }
  if (lines.empty()) throw file_error(path, "holds no lines of text (one per line expected)");
  return lines;
}

void write_json(const std::string& path, const nlohmann::json& json) {
  if (!path.empty()) io::write_file_atomic(path, json.dump(2) + "\n");
}

struct EstimateOptions {
  std::string positive, negative, prefixes, out;
  beb::DistinguishabilityOptions estimation;
  int64_t max_sentence_tokens = 48;
};

void run_estimate(EstimateOptions options) {
  beb::Gpt2SentenceModel negative(options.negative, options.max_sentence_tokens);
  beb::Gpt2SentenceModel positive(options.positive, options.max_sentence_tokens);
  beb::check_same_vocabulary(negative, positive);
  if (!options.prefixes.empty())
    options.estimation.prefixes = encoded_lines(options.prefixes, negative.tokenizer(), true);
  const auto started = std::chrono::steady_clock::now();
  ProgressLine line;
  const auto found = beb::estimate_distinguishability(negative, positive, options.estimation,
                                                      progress_of(line, "estimate"));
  line.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "| quantity | estimate [95% interval] | samples |\n|---|---|---:|\n"
            << "| beta: E KL(P- || P+), nats per sentence | " << estimate_text(found.beta) << " | "
            << found.beta.samples << " |\n"
            << "| beta': E KL(P+ || P-) | " << estimate_text(found.beta_prime) << " | "
            << found.beta_prime.samples << " |\n"
            << "| sigma: sd of log P+/P- per sentence of P+ | " << estimate_text(found.sigma)
            << " | " << found.sigma.samples << " |\n";
  write_json(options.out,
             {{"negative", options.negative},
              {"positive", options.positive},
              {"prefixes", options.prefixes.empty() ? nlohmann::json("sampled")
                                                    : nlohmann::json(options.prefixes)},
              {"prefix_sentences", options.estimation.prefix_sentences},
              {"seed", options.estimation.seed},
              {"beta", estimate_json(found.beta)},
              {"beta_prime", estimate_json(found.beta_prime)},
              {"sigma", estimate_json(found.sigma)},
              {"seconds", seconds}});
}

struct AlphaOptions {
  ModelChoice model;
  std::string positive, negative, data, out;
  int64_t samples = 256;
  uint64_t seed = 0;
  int64_t max_sentence_tokens = 48;
};

void run_alpha(const AlphaOptions& options) {
  const auto chosen = load_chosen_model(options.model, options.max_sentence_tokens);
  beb::Gpt2SentenceModel negative(options.negative, options.max_sentence_tokens);
  beb::Gpt2SentenceModel positive(options.positive, options.max_sentence_tokens);
  beb::check_same_vocabulary(negative, positive);
  beb::check_same_vocabulary(*chosen.gpt2, negative);
  const beb::Tokens start{negative.sentence_ends().end_of_text()};
  // The model's own sentences after end-of-text (maximum likelihood of them under the
  // mixture), or those of --data (the mixture's log-likelihoods fitted to the model's).
  std::vector<beb::Tokens> sentences;
  int64_t cut = 0;
  if (!options.data.empty()) {
    sentences = encoded_lines(options.data, negative.tokenizer(), false);
    for (auto& sentence : sentences)
      if (static_cast<int64_t>(sentence.size()) > options.max_sentence_tokens) {
        sentence.resize(options.max_sentence_tokens);
        ++cut;
      }
  }
  ProgressLine line;
  std::mt19937_64 random(options.seed);
  const auto count = sentences.empty() ? options.samples : int64_t(sentences.size());
  if (count < 1) throw Error("beb alpha: --samples must be at least 1");
  std::vector<double> log_model, log_negative, log_positive;
  for (int64_t i = 0; i < count; ++i) {
    const auto sentence = options.data.empty() ? chosen.model->sample(start, random) : sentences[i];
    if (!options.data.empty()) log_model.push_back(chosen.model->log_prob(start, sentence));
    log_negative.push_back(negative.log_prob(start, sentence));
    log_positive.push_back(positive.log_prob(start, sentence));
    progress_of(line, "alpha")(i + 1, count);
  }
  line.finish();
  const auto fit = options.data.empty() ? beb::fit_mixture_weight(log_negative, log_positive)
                                        : beb::fit_mixture_weight_to_likelihoods(
                                              log_model, log_negative, log_positive);
  std::cout << "alpha " << estimate_text(fit.alpha) << " from " << count
            << (options.data.empty() ? " sampled sentences" : " sentences of " + options.data)
            << (cut ? " (" + std::to_string(cut) + " cut to --max-sentence-tokens)" : "")
            << "; log-likelihood " << fit.log_likelihood << "\n";
  write_json(
      options.out,
      {{"model", options.model.dir.empty() ? options.model.mixture : options.model.dir},
       {"negative", options.negative},
       {"positive", options.positive},
       {"data", options.data.empty() ? nlohmann::json("sampled") : nlohmann::json(options.data)},
       {"sentences_cut", cut},
       {"alpha", estimate_json(fit.alpha)},
       {"log_likelihood", fit.log_likelihood}});
}

void add_components(CLI::App& command, std::string& positive, std::string& negative) {
  command.add_option("--positive", positive, "P+: the well-behaved component's GPT-2 directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  command.add_option("--negative", negative, "P-: the ill-behaved component's GPT-2 directory")
      ->required()
      ->check(CLI::ExistingDirectory);
}

}  // namespace

void add_beb_estimate_commands(CLI::App& beb, Action& action) {
  auto estimate = std::make_shared<EstimateOptions>();
  auto* estimate_command =
      beb.add_subcommand("estimate", "beta, beta' and sigma of two components, with intervals");
  add_components(*estimate_command, estimate->positive, estimate->negative);
  auto& e = estimate->estimation;
  estimate_command->add_option("--samples", e.samples, "continuations sampled from each")
      ->capture_default_str();
  estimate_command
      ->add_option("--prefixes", estimate->prefixes,
                   "prefixes, one per line, taken in turn (default: sampled from the component)")
      ->check(CLI::ExistingFile);
  estimate_command
      ->add_option("--prefix-sentences", e.prefix_sentences, "sentences of a sampled prefix")
      ->capture_default_str();
  estimate_command->add_option("--seed", e.seed, "sampling seed")->capture_default_str();
  estimate_command->add_option("--out", estimate->out, "write the estimates as JSON here");
  add_sentence_length_option(*estimate_command, estimate->max_sentence_tokens);
  estimate_command->callback(
      [&action, estimate] { action = [estimate] { run_estimate(*estimate); }; });

  auto alpha = std::make_shared<AlphaOptions>();
  auto* alpha_command = beb.add_subcommand(
      "alpha", "the mixture weight that best explains a model's sentences (maximum likelihood)");
  add_model_options(*alpha_command, alpha->model);
  add_components(*alpha_command, alpha->positive, alpha->negative);
  alpha_command
      ->add_option("--data", alpha->data,
                   "sentences, one per line: fit the model's log-likelihoods of them (default: "
                   "fit the sentences it samples)")
      ->check(CLI::ExistingFile);
  alpha_command->add_option("--samples", alpha->samples, "sentences the model samples")
      ->capture_default_str();
  alpha_command->add_option("--seed", alpha->seed, "sampling seed")->capture_default_str();
  alpha_command->add_option("--out", alpha->out, "write the estimate as JSON here");
  add_sentence_length_option(*alpha_command, alpha->max_sentence_tokens);
  alpha_command->callback([&action, alpha] { action = [alpha] { run_alpha(*alpha); }; });
}

}  // namespace mnemo::cli
