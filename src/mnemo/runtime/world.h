// Where this process stands among the ranks of a job, as torchrun, Slurm's srun or
// `mnemo launch` describe it in the environment. Free of torch, so that commands can ask
// whether they are rank 0 (the one that prints progress).
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace mnemo::runtime {

struct World {
  int rank = 0;
  int size = 1;
  int local_rank = 0;  // rank among the processes of this machine
  std::string master_addr = "127.0.0.1";
  uint16_t master_port = 29500;

  bool distributed() const { return size > 1; }
  // Rank 0 alone writes checkpoints, logs and progress.
  bool leader() const { return rank == 0; }
};

// Rank `rank` of `ranks`'s part of `items` taken in order: [first, first + count); the first
// items % ranks ranks take one more.
inline std::pair<int64_t, int64_t> share_of(int64_t items, int rank, int ranks) {
  const int64_t base = items / ranks, extra = items % ranks;
  return {rank * base + std::min<int64_t>(rank, extra), base + (rank < extra ? 1 : 0)};
}

// Reads one environment variable (std::getenv, or a map in tests).
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> process_environment(const std::string& name);

// torchrun's RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT; when RANK is absent,
// Slurm's SLURM_PROCID, SLURM_NTASKS and SLURM_LOCALID (with MASTER_ADDR and MASTER_PORT
// from the job script: srun sets none); else one process. An error names the variable.
World world_from_environment(const Environment& environment = process_environment);

// Joins the world the environment describes: with several ranks, connects to the others
// (rank 0 serves the rendezvous on MASTER_ADDR:MASTER_PORT) and waits up to
// `timeout_seconds` for all of them, and as long in any collective call (PyTorch's default:
// a rank that dies is noticed at once, a slow one is waited for). Once per process, before
// any training; an error when they cannot be reached. Defined in process_group.cpp.
void join_world(double timeout_seconds = 1800);

// The world this process joined; one process before join_world.
const World& world();

}  // namespace mnemo::runtime
