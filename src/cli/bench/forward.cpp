// mnemo bench forward: median time of a BERT forward pass on random weights and tokens.
#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/speed_bench.h"

namespace mnemo::cli {

void add_bench_forward(CLI::App& bench, Action& action) {
  auto settings = std::make_shared<eval::ForwardBenchSettings>();
  auto* command =
      bench.add_subcommand("forward", "time a BERT forward pass; prints JSON with the median");
  flags::bert_geometry(*command, settings->geometry);
  command->add_option("--tokens", settings->tokens, "sequence length")
      ->capture_default_str()
      ->check(positive());
  flags::batch(*command, settings->batch, "batch size");
  flags::repeats(*command, settings->repeats);
  flags::warmup_runs(*command, settings->warmup);
  on_chosen(*command, action,
            [settings] { std::cout << eval::bench_forward(*settings).to_json().dump() << "\n"; });
}

}  // namespace mnemo::cli
