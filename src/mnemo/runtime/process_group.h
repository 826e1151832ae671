// The ranks of a job talking through torch.distributed's c10d: ProcessGroupGloo over a
// TCPStore that rank 0 serves on MASTER_ADDR:MASTER_PORT. Data-parallel training needs only
// sums of tensors across ranks, a broadcast and a barrier; a rank that dies makes the others'
// next call fail with an error (Gloo sees the connection close, or the timeout passes).
#pragma once
#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <vector>

#include "mnemo/runtime/world.h"

namespace mnemo::runtime {

class ProcessGroup {
 public:
  // Connects to the other ranks of `world` (several) within `timeout`.
  ProcessGroup(const World& world, std::chrono::milliseconds timeout);
  ~ProcessGroup();

  const World& world() const { return world_; }

  // Replaces each tensor (float, on the CPU) by its sum over the ranks, in buckets of about
  // 25 MB: one collective call per bucket, not per tensor.
  void sum(const std::vector<torch::Tensor>& tensors);
  double sum(double value);
  // Sums the gradients of `parameters` over the ranks. A parameter without a gradient on
  // some ranks gets zeros there first; one without a gradient on every rank keeps none.
  void sum_gradients(const std::vector<torch::Tensor>& parameters);
  // Copies rank 0's values of the tensors into every rank's.
  void broadcast(const std::vector<torch::Tensor>& tensors);
  void barrier();

 private:
  // Runs `call` and turns c10d's errors into mnemo::Error naming the rank and `what`.
  template <typename Call>
  void collective(const char* what, Call call);
  // Runs `call(group, flat)` on each bucket of `tensors` flattened into one tensor, and copies
  // the result back into the tensors.
  template <typename Call>
  void bucketed(const std::vector<torch::Tensor>& tensors, const char* what, Call call);

  struct Connection;  // the TCPStore and c10d's group, kept out of this header

  World world_;
  std::unique_ptr<Connection> connection_;
};

// The group of the world this process joined (join_world), or null when it is one process.
ProcessGroup* process_group();

}  // namespace mnemo::runtime
