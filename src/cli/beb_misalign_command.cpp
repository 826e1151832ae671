// mnemo beb misalign: the behavior expectation of a model's next sentence after prompts of
// k = 0..K sentences from P-, with the theory's transition length and bound beside it.
#include <chrono>
#include <iostream>

#include "cli/beb_options.h"
#include "cli/command.h"
#include "cli/progress_line.h"
#include "mnemo/beb/bounds.h"
#include "mnemo/beb/misalignment.h"
#include "mnemo/beb/misalignment_plot.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::cli {
namespace {

struct MisalignCliOptions {
  ModelChoice model;
  std::string negative, aligning_prompt, estimates, out;
  ScorerChoice scorer;
  beb::MisalignOptions measure;
  int64_t max_sentence_tokens = 48;
  double alpha = 0, beta = 0, epsilon = 0.1;  // the theory's marks; 0: not given
};

// The bounds to mark: from --alpha (or the mixture's), and --beta or beb estimate's JSON.
std::vector<beb::Bound> theory(const MisalignCliOptions& options,
                               const std::optional<double>& mixture_alpha,
                               int64_t aligning_sentences) {
  beb::BoundInputs in;
  in.alpha = options.alpha > 0 ? options.alpha : mixture_alpha.value_or(0);
  in.beta = options.beta;
  in.epsilon = options.epsilon;
  if (!options.estimates.empty()) {
    const auto estimates = io::read_json_file(options.estimates);
    const auto value = [&](const char* key) {
      const auto found = estimates.find(key);
      if (found == estimates.end() || !found->is_object() || !(*found)["value"].is_number())
        throw file_error(options.estimates,
                         std::string("has no number ") + key +
                             ".value (give the JSON that beb estimate --out writes)");
      return (*found)["value"].get<double>();
    };
    if (in.beta == 0) in.beta = value("beta");
    if (aligning_sentences > 0) {
      in.beta_prime = value("beta_prime");
      in.sigma = value("sigma");
      in.aligning_prompt_length = double(aligning_sentences);
    }
  }
  if (in.alpha == 0 || in.beta <= 0) return {};
  return beb::bounds(in);
}

void run_misalign(MisalignCliOptions options) {
  const auto chosen = load_chosen_model(options.model, options.max_sentence_tokens);
  beb::Gpt2SentenceModel negative(options.negative, options.max_sentence_tokens);
  beb::check_same_vocabulary(*chosen.gpt2, negative);
  const auto scorer = options.scorer.make();
  const auto& tokenizer = negative.tokenizer();
  int64_t aligning_sentences = 0;
  if (!options.aligning_prompt.empty()) {
    const auto text = io::read_file(options.aligning_prompt);
    aligning_sentences = int64_t(text::split_sentences(text).size());
    if (aligning_sentences == 0)
      throw file_error(options.aligning_prompt, "holds no sentence to use as aligning prompt");
    // Line by line, as training sequences were tokenized (make-data --line-aligned).
    for (const auto& line : read_lines(options.aligning_prompt)) {
      const auto ids = tokenizer.encode(line);
      options.measure.aligning_prompt.insert(options.measure.aligning_prompt.end(), ids.begin(),
                                             ids.end());
    }
  }
  const auto bounds = theory(options, chosen.alpha, aligning_sentences);
  const auto started = std::chrono::steady_clock::now();
  ProgressLine line;
  const auto curve =
      beb::measure_misalignment(*chosen.model, negative, tokenizer, *scorer, options.measure,
                                progress_of(line, "misalign, responses at every k:"));
  line.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::cout << "| k | B_P(s) [95% interval] | prompt tokens |\n|---:|---|---:|\n";
  nlohmann::json points = nlohmann::json::array();
  for (const auto& point : curve) {
    std::cout << "| " << point.sentences << " | " << estimate_text(point.behavior) << " | "
              << static_cast<int64_t>(point.prompt_tokens + 0.5) << " |\n";
    points.push_back({{"sentences", point.sentences},
                      {"behavior", estimate_json(point.behavior)},
                      {"prompt_tokens", point.prompt_tokens},
                      {"examples", point.examples}});
  }
  nlohmann::json theory_json = nlohmann::json::array();
  std::vector<std::pair<std::string, double>> marks;
  for (const auto& bound : bounds) {
    std::cout << bound.name << ": " << bound.sentences << " sentences (" << bound.formula << ")\n";
    theory_json.push_back(
        {{"bound", bound.name}, {"formula", bound.formula}, {"sentences", bound.sentences}});
    if (bound.name == "transition" || bound.name == "Theorem 1" || bound.name == "Theorem 2")
      marks.emplace_back(bound.name, bound.sentences);
  }
  const auto model_name =
      options.model.dir.empty() ? "mixture " + options.model.mixture : options.model.dir;
  const nlohmann::json result = {{"model", model_name},
                                 {"negative", options.negative},
                                 {"scorer", options.scorer.name},
                                 {"aligning_prompt", options.aligning_prompt},
                                 {"aligning_prompt_sentences", aligning_sentences},
                                 {"responses", options.measure.responses},
                                 {"epsilon", options.epsilon},
                                 {"max_sentence_tokens", options.max_sentence_tokens},
                                 {"seed", options.measure.seed},
                                 {"curve", points},
                                 {"theory", theory_json},
                                 {"seconds", seconds}};
  io::write_file_atomic(options.out + ".json", result.dump(2) + "\n");
  beb::plot_misalignment(curve, marks, options.out + ".png", "B_P(s) of " + model_name);
  std::cerr << "wrote " << options.out << ".json and " << options.out << ".png ("
            << format_duration(seconds) << ")\n";
}

}  // namespace

void add_beb_misalign_command(CLI::App& beb, Action& action) {
  auto options = std::make_shared<MisalignCliOptions>();
  auto* command = beb.add_subcommand(
      "misalign", "B_P(s) of a model after k = 0..K sentences from P- (JSON and a plot)");
  add_model_options(*command, options->model);
  command->add_option("--negative", options->negative, "P-: writes the misaligning prompts")
      ->required()
      ->check(CLI::ExistingDirectory);
  add_scorer_options(*command, options->scorer);
  auto& m = options->measure;
  command->add_option("--max-sentences", m.max_sentences, "K: the longest prompt, in sentences")
      ->capture_default_str();
  command->add_option("--responses", m.responses, "R: responses sampled at every k")
      ->capture_default_str();
  command
      ->add_option("--aligning-prompt", options->aligning_prompt,
                   "text the model reads before the misaligning sentences (Theorem 2)")
      ->check(CLI::ExistingFile);
  command->add_option("--seed", m.seed, "sampling seed")->capture_default_str();
  command->add_option("--alpha", options->alpha,
                      "the model's alpha, for the theory's marks (default: the mixture's)");
  command->add_option("--beta", options->beta, "beta, for the theory's marks");
  command
      ->add_option("--estimates", options->estimates,
                   "beb estimate's JSON: beta (and beta', sigma for Theorem 2)")
      ->check(CLI::ExistingFile);
  command->add_option("--epsilon", options->epsilon, "epsilon of Theorems 1-2's bound")
      ->capture_default_str();
  command->add_option("--out", options->out, "PREFIX: writes PREFIX.json and PREFIX.png")
      ->required();
  add_sentence_length_option(*command, options->max_sentence_tokens);
  command->callback([&action, options, command] {
    if (command->count("--alpha") && !(options->alpha > 0 && options->alpha < 1))
      throw CLI::ValidationError("--alpha", "must lie in (0, 1)");
    action = [options] { run_misalign(*options); };
  });
}

}  // namespace mnemo::cli
