// mnemo memorization bench: scoring a window against one forward pass over it.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "mnemo/memorization/scoring_bench.h"

namespace mnemo::cli {
namespace memorization_bench {

void print_table(const memorization::ScoringBenchReport& report) {
  const auto& s = report.settings;
  const double f = report.forward_seconds, c = report.cached_seconds;
  char text[512];
  std::snprintf(text, sizeof text,
                "| %ld x %ld tokens | median s | x one forward pass |\n|---|---:|---:|\n"
                "| forward pass (logits at every position) | %.3f | 1.000 |\n"
                "| scoring, key/value cache | %.3f | %.3f |\n",
                static_cast<long>(s.batch), static_cast<long>(s.window.total()), f, c, c / f);
  std::cout << text;
  if (report.uncached_seconds) {
    std::snprintf(text, sizeof text, "| scoring, no cache | %.3f | %.3f |\n",
                  *report.uncached_seconds, *report.uncached_seconds / f);
    std::cout << text;
  }
  std::snprintf(text, sizeof text,
                "\n%.1f sequences/s scored (%ld parameters, median of %d rounds)\n",
                report.sequences_per_second(), static_cast<long>(report.parameters), s.rounds);
  std::cout << text;
}

}  // namespace memorization_bench

void add_memorization_bench(CLI::App& memorization, Action& action) {
  auto settings = std::make_shared<memorization::ScoringBenchSettings>();
  auto json = std::make_shared<bool>(false);
  auto* command = memorization.add_subcommand(
      "bench", "time scoring a window against one forward pass over it (cached and not)");
  command->add_option("--model", settings->model, "causal LM directory (default: random weights)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--config", settings->geometry, "GPT-2 geometry of the random model")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  command->add_option("--vocab-size", settings->vocab_size, "vocabulary of the random model")
      ->capture_default_str();
  command->add_option("--prompt-len", settings->window.prompt_length, "prompt tokens")
      ->capture_default_str();
  command->add_option("--cont-len", settings->window.continuation_length, "decoded tokens")
      ->capture_default_str();
  flags::batch(*command, settings->batch, "sequences a pass");
  command->add_option("--rounds", settings->rounds, "timed rounds (after one warm-up)")
      ->capture_default_str()
      ->check(positive());
  command->add_flag("--uncached", settings->uncached,
                    "also time greedy decoding without the cache (slow)");
  flags::json(*command, *json);
  on_chosen(*command, action, [settings, json] {
    const auto report = memorization::bench_scoring(*settings);
    if (*json)
      std::cout << report.to_json().dump(2) << "\n";
    else
      memorization_bench::print_table(report);
  });
}

}  // namespace mnemo::cli
