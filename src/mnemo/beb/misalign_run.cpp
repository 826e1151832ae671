#include "mnemo/beb/misalign_run.h"

#include <chrono>
#include <optional>

#include "mnemo/beb/line_files.h"
#include "mnemo/beb/misalignment_plot.h"
#include "mnemo/beb/sentence_model.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::beb {
namespace {

// The bounds to mark: from the given alpha (or the mixture's), and the given beta or beb
// estimate's JSON.
std::vector<Bound> misalign_theory(const MisalignSettings& settings,
                                   const std::optional<double>& mixture_alpha,
                                   int64_t aligning_sentences) {
  BoundInputs in;
  in.alpha = settings.alpha > 0 ? settings.alpha : mixture_alpha.value_or(0);
  in.beta = settings.beta;
  in.epsilon = settings.epsilon;
  if (!settings.estimates.empty()) {
    const auto estimates = io::read_json_file(settings.estimates);
    const auto value = [&](const char* key) {
      const auto found = estimates.find(key);
      if (found == estimates.end() || !found->is_object() || !(*found)["value"].is_number())
        throw file_error(settings.estimates,
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
  return bounds(in);
}

}  // namespace

MisalignResult run_misalignment(const MisalignSettings& settings, const Progress& progress) {
  const auto chosen = load_chosen_model(settings.model, settings.max_sentence_tokens);
  Gpt2SentenceModel negative(settings.negative, settings.max_sentence_tokens);
  check_same_vocabulary(*chosen.gpt2, negative);
  const auto scorer = settings.scorer.make();
  const auto& tokenizer = negative.tokenizer();
  MisalignResult result;
  auto options = settings.measure;
  if (!settings.aligning_prompt.empty()) {
    const auto text = io::read_file(settings.aligning_prompt);
    result.aligning_sentences = int64_t(text::split_sentences(text).size());
    if (result.aligning_sentences == 0)
      throw file_error(settings.aligning_prompt, "holds no sentence to use as aligning prompt");
    // Line by line, as training sequences were tokenized (make-data --line-aligned).
    for (const auto& line : read_lines(settings.aligning_prompt)) {
      const auto ids = tokenizer.encode(line);
      options.aligning_prompt.insert(options.aligning_prompt.end(), ids.begin(), ids.end());
    }
  }
  result.theory = misalign_theory(settings, chosen.alpha, result.aligning_sentences);
  const auto started = std::chrono::steady_clock::now();
  result.curve =
      measure_misalignment(*chosen.model, negative, tokenizer, *scorer, options, progress);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  nlohmann::json points = nlohmann::json::array();
  for (const auto& point : result.curve)
    points.push_back({{"sentences", point.sentences},
                      {"behavior", point.behavior.to_json()},
                      {"prompt_tokens", point.prompt_tokens},
                      {"examples", point.examples}});
  nlohmann::json theory_json = nlohmann::json::array();
  std::vector<std::pair<std::string, double>> marks;
  for (const auto& bound : result.theory) {
    theory_json.push_back(bound.to_json());
    if (bound.name == "transition" || bound.name == "Theorem 1" || bound.name == "Theorem 2")
      marks.emplace_back(bound.name, bound.sentences);
  }
  const auto model_name =
      settings.model.dir.empty() ? "mixture " + settings.model.mixture : settings.model.dir;
  const nlohmann::json report = {{"model", model_name},
                                 {"negative", settings.negative},
                                 {"scorer", settings.scorer.name},
                                 {"aligning_prompt", settings.aligning_prompt},
                                 {"aligning_prompt_sentences", result.aligning_sentences},
                                 {"responses", options.responses},
                                 {"epsilon", settings.epsilon},
                                 {"max_sentence_tokens", settings.max_sentence_tokens},
                                 {"seed", options.seed},
                                 {"curve", points},
                                 {"theory", theory_json},
                                 {"seconds", result.seconds}};
  io::write_file_atomic(settings.out + ".json", report.dump(2) + "\n");
  plot_misalignment(result.curve, marks, settings.out + ".png", "B_P(s) of " + model_name);
  return result;
}

}  // namespace mnemo::beb
