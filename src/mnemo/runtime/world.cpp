#include "mnemo/runtime/world.h"

#include <cstdlib>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::runtime {
namespace {

// The integer in variable `name`, within [low, high]; `fallback` when it is unset.
int64_t integer_variable(const Environment& environment, const std::string& name, int64_t fallback,
                         int64_t low, int64_t high) {
  const auto text = environment(name);
  if (!text) return fallback;
  const auto value = parse_integer(*text);
  if (!value || *value < low || *value > high)
    throw Error("environment variable " + name + "='" + *text + "': expected an integer in [" +
                std::to_string(low) + ", " + std::to_string(high) + "]");
  return *value;
}

}  // namespace

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

World world_from_environment(const Environment& environment) {
  const bool torchrun = environment("RANK").has_value();
  const bool slurm = !torchrun && environment("SLURM_PROCID").has_value();
  if (!torchrun && !slurm) return World{};
  const std::string rank_name = torchrun ? "RANK" : "SLURM_PROCID";
  const std::string size_name = torchrun ? "WORLD_SIZE" : "SLURM_NTASKS";
  const std::string local_name = torchrun ? "LOCAL_RANK" : "SLURM_LOCALID";
  if (!environment(size_name))
    throw Error("environment variable " + rank_name + " is set but " + size_name + " is not");
  World world;
  world.size = static_cast<int>(integer_variable(environment, size_name, 1, 1, 1 << 20));
  world.rank = static_cast<int>(integer_variable(environment, rank_name, 0, 0, world.size - 1));
  world.local_rank =
      static_cast<int>(integer_variable(environment, local_name, 0, 0, world.size - 1));
  if (!world.distributed()) return world;
  const auto address = environment("MASTER_ADDR");
  if (!address || address->empty())
    throw Error(std::string("environment variable MASTER_ADDR is not set: ") +
                (slurm ? "under Slurm, export MASTER_ADDR=$(scontrol show hostnames "
                         "\"$SLURM_JOB_NODELIST\" | head -n 1) before srun"
                       : "torchrun sets it; set it to rank 0's host name or address"));
  world.master_addr = *address;
  world.master_port =
      static_cast<uint16_t>(integer_variable(environment, "MASTER_PORT", 29500, 1, 65535));
  return world;
}

}  // namespace mnemo::runtime
