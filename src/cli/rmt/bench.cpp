// mnemo rmt bench: speed and peak memory of an encoder RMT on random weights and tokens,
// inference or training steps; prints one JSON line (the same keys as bench/rmt_baseline.py).
#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/rmt_bench.h"

namespace mnemo::cli {

void add_rmt_bench(CLI::App& rmt, Action& action) {
  auto settings = std::make_shared<eval::RmtBenchSettings>();
  auto* command = rmt.add_subcommand(
      "bench", "time an RMT on random weights (inference or training steps); prints JSON");
  flags::bert_geometry(*command, settings->geometry);
  command->add_option("--segments", settings->segments, "segments per sample")
      ->capture_default_str()
      ->check(positive());
  flags::batch(*command, settings->batch, "samples per batch");
  command->add_option("--mode", settings->mode, "infer or train (forward, backward, AdamW step)")
      ->capture_default_str()
      ->check(CLI::IsMember({"infer", "train"}));
  command->add_option("--bptt", settings->bptt, "training: full or recompute")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "recompute"}));
  flags::repeats(*command, settings->repeats);
  flags::warmup_runs(*command, settings->warmup);
  on_chosen(*command, action,
            [settings] { std::cout << eval::bench_rmt(*settings).to_json().dump() << "\n"; });
}

}  // namespace mnemo::cli
