// `mnemo launch`: the ranks of a data-parallel job on this machine, started the way torchrun
// starts them (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT in
// their environment), for machines whose torchrun does not run. Free of torch.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace mnemo::runtime {

struct LaunchSettings {
  int processes = 2;                 // ranks on this machine
  std::vector<std::string> command;  // the program's arguments for each rank
  std::string program;               // empty: this program
  uint16_t port = 0;                 // rendezvous port on 127.0.0.1; 0: a free one
  double grace_seconds = 10;         // after SIGTERM, before SIGKILL
};

// Starts the ranks and relays their stdout and stderr line by line, each line prefixed with
// "[rank R] ". When a rank fails, stops the others (SIGTERM, then SIGKILL after the grace
// time). OMP_NUM_THREADS, when unset, becomes the cores divided among the ranks. Returns 0
// when every rank succeeds, else the exit status of the first that failed (128 + signal for
// one killed by a signal). Throws mnemo::Error when a rank cannot be started.
int launch(const LaunchSettings& settings);

// A TCP port on 127.0.0.1 that nobody listens on now.
uint16_t free_loopback_port();

}  // namespace mnemo::runtime
