#include "mnemo/memorization/scoring_bench.h"

#include <torch/torch.h>

#include "mnemo/eval/timing.h"
#include "mnemo/memorization/extraction.h"
#include "mnemo/nn/gpt2_config.h"
#include "mnemo/runtime/runtime_setup.h"

namespace mnemo::memorization {
namespace {

// Greedy decoding without the cache: the whole sequence again for every token.
void uncached_greedy(CausalLm& model, const torch::Tensor& sequences,
                     const ExtractionWindow& window) {
  auto decoded = sequences.slice(1, 0, window.prompt_length);
  for (int64_t step = 0; step < window.continuation_length; ++step)
    decoded = torch::cat({decoded, model.forward(decoded).select(1, -1).argmax(-1, true)}, 1);
}

double seconds_of(const std::function<void()>& work) { return eval::time_repeats(work, 1, 0)[0]; }

}  // namespace

ScoringBenchReport bench_scoring(const ScoringBenchSettings& settings) {
  settings.window.validate();
  torch::manual_seed(0);
  auto model =
      settings.model.empty()
          ? CausalLm(nn::Gpt2LMHeadModel(nn::gpt2_geometry(settings.geometry, settings.vocab_size)))
          : CausalLm::load(settings.model);
  c10::InferenceMode inference;
  const auto sequences =
      torch::randint(model.vocab_size(), {settings.batch, settings.window.total()}, torch::kLong);
  std::vector<double> forward, cached, uncached;
  for (int round = -1; round < settings.rounds; ++round) {  // round -1 warms up
    const double f = seconds_of([&] { model.forward(sequences); });
    const double c = seconds_of([&] { memorization_scores(model, sequences, settings.window); });
    const double u = settings.uncached
                         ? seconds_of([&] { uncached_greedy(model, sequences, settings.window); })
                         : 0;
    if (round < 0) continue;
    forward.push_back(f), cached.push_back(c), uncached.push_back(u);
  }
  ScoringBenchReport report;
  report.settings = settings;
  report.model_type = model.model_type();
  report.parameters = model.parameters();
  report.forward_seconds = eval::median(forward);
  report.cached_seconds = eval::median(cached);
  if (settings.uncached) report.uncached_seconds = eval::median(uncached);
  report.threads = runtime::thread_summary();
  return report;
}

nlohmann::json ScoringBenchReport::to_json() const {
  nlohmann::json json = {
      {"model", settings.model.empty() ? "random " + settings.geometry : settings.model},
      {"model_type", model_type},
      {"parameters", parameters},
      {"batch", settings.batch},
      {"prompt_length", settings.window.prompt_length},
      {"continuation_length", settings.window.continuation_length},
      {"rounds", settings.rounds},
      {"forward_seconds_median", forward_seconds},
      {"cached_scoring_seconds_median", cached_seconds},
      {"cached_over_forward", cached_seconds / forward_seconds},
      {"sequences_per_second", sequences_per_second()},
      {"threads", threads}};
  if (uncached_seconds) {
    json["uncached_scoring_seconds_median"] = *uncached_seconds;
    json["uncached_over_forward"] = *uncached_seconds / forward_seconds;
  }
  return json;
}

}  // namespace mnemo::memorization
