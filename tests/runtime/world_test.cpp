#include "mnemo/runtime/world.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace mnemo {
namespace {

using runtime::world_from_environment;
using testing::error_of;

// An environment holding exactly `variables`.
runtime::Environment environment(std::map<std::string, std::string> variables) {
  return [variables](const std::string& name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

TEST(World, WithoutTheVariablesItIsOneProcess) {
  const auto world = world_from_environment(environment({{"MASTER_PORT", "1234"}}));
  EXPECT_EQ(world.rank, 0);
  EXPECT_EQ(world.size, 1);
  EXPECT_FALSE(world.distributed());
  EXPECT_TRUE(world.leader());
}

TEST(World, ReadsTorchrunsVariables) {
  const auto world = world_from_environment(environment({{"RANK", "3"},
                                                         {"WORLD_SIZE", "4"},
                                                         {"LOCAL_RANK", "1"},
                                                         {"MASTER_ADDR", "node7"},
                                                         {"MASTER_PORT", "29400"}}));
  EXPECT_EQ(world.rank, 3);
  EXPECT_EQ(world.size, 4);
  EXPECT_EQ(world.local_rank, 1);
  EXPECT_EQ(world.master_addr, "node7");
  EXPECT_EQ(world.master_port, 29400);
  EXPECT_TRUE(world.distributed());
  EXPECT_FALSE(world.leader());
}

TEST(World, MapsSlurmsVariablesWhenRankIsAbsent) {
  const auto world = world_from_environment(environment({{"SLURM_PROCID", "5"},
                                                         {"SLURM_NTASKS", "8"},
                                                         {"SLURM_LOCALID", "1"},
                                                         {"MASTER_ADDR", "10.0.0.1"}}));
  EXPECT_EQ(world.rank, 5);
  EXPECT_EQ(world.size, 8);
  EXPECT_EQ(world.local_rank, 1);
  EXPECT_EQ(world.master_port, 29500);  // torchrun's default
  // torchrun's variables win over Slurm's.
  const auto both = world_from_environment(environment({{"RANK", "0"},
                                                        {"WORLD_SIZE", "2"},
                                                        {"SLURM_PROCID", "1"},
                                                        {"SLURM_NTASKS", "2"},
                                                        {"MASTER_ADDR", "h"}}));
  EXPECT_EQ(both.rank, 0);
}

TEST(World, ErrorsNameTheVariable) {
  EXPECT_NE(error_of([] {
              world_from_environment(environment({{"RANK", "0"}}));
            }).find("RANK is set but WORLD_SIZE is not"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              world_from_environment(
                  environment({{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}}));
            }).find("RANK='2': expected an integer in [0, 1]"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              world_from_environment(
                  environment({{"RANK", "0"}, {"WORLD_SIZE", "two"}, {"MASTER_ADDR", "h"}}));
            }).find("WORLD_SIZE='two'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              world_from_environment(environment({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}));
            }).find("MASTER_ADDR is not set: under Slurm"),
            std::string::npos);
  EXPECT_NE(
      error_of([] {
        world_from_environment(environment(
            {{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "70000"}}));
      }).find("MASTER_PORT='70000'"),
      std::string::npos);
}

}  // namespace
}  // namespace mnemo
