// mnemo bench sgemm: the machine's matrix-product speed in this process, the ceiling the
// models are held to.
#include <iostream>

#include "cli/commands.h"
#include "mnemo/eval/speed_bench.h"

namespace mnemo::cli {

void add_bench_sgemm(CLI::App& bench, Action& action) {
  auto settings = std::make_shared<eval::SgemmBenchSettings>();
  auto* command = bench.add_subcommand("sgemm", "time a square float matrix product; prints JSON");
  command->add_option("--size", settings->size, "matrix side")
      ->capture_default_str()
      ->check(positive());
  flags::repeats(*command, settings->repeats);
  on_chosen(*command, action,
            [settings] { std::cout << eval::bench_sgemm(*settings).to_json().dump() << "\n"; });
}

}  // namespace mnemo::cli
