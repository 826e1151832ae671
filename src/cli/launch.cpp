// mnemo launch: N ranks of a mnemo command on this machine, as torchrun would start them.
#include "mnemo/runtime/launch.h"

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace mnemo::cli {

void add_launch(CLI::App& app, Action& action) {
  auto settings = std::make_shared<runtime::LaunchSettings>();
  auto* command = app.add_subcommand(
      "launch",
      "run a mnemo command as N data-parallel ranks on this machine (torchrun's variables), "
      "e.g. mnemo launch --nproc-per-node 2 -- rmt train ...");
  command->add_option("--nproc-per-node", settings->processes, "ranks to start")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--master-port", settings->port,
                      "rendezvous port on 127.0.0.1 (default: a free one)");
  command->add_option("command", settings->command, "the mnemo command each rank runs, after --")
      ->required();
  on_chosen(*command, action, [settings] {
    const int status = runtime::launch(*settings);
    std::cout.flush();
    // The failing rank's status is this program's: exit with it rather than a generic 1.
    std::exit(status);
  });
}

}  // namespace mnemo::cli
