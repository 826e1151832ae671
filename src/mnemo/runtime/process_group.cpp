#include "mnemo/runtime/process_group.h"

#include <torch/csrc/utils/tensor_flatten.h>

#include <mutex>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include "mnemo/core/error.h"

namespace mnemo::runtime {
namespace {

constexpr int64_t kBucketBytes = 25 << 20;

World joined_world;
std::unique_ptr<ProcessGroup> joined_group;

// Groups of tensors of one dtype whose sizes add up to about kBucketBytes each.
std::vector<std::vector<torch::Tensor>> buckets(const std::vector<torch::Tensor>& tensors) {
  std::vector<std::vector<torch::Tensor>> result;
  int64_t bytes = kBucketBytes;
  for (const auto& tensor : tensors) {
    const int64_t size = tensor.numel() * static_cast<int64_t>(tensor.element_size());
    if (result.empty() || bytes + size > kBucketBytes ||
        result.back().front().scalar_type() != tensor.scalar_type()) {
      result.emplace_back();
      bytes = 0;
    }
    result.back().push_back(tensor);
    bytes += size;
  }
  return result;
}

// The network interface Gloo talks on: loopback for a job on one machine; else the one named
// by GLOO_SOCKET_IFNAME (as in PyTorch), else the one this machine's host name resolves to.
std::shared_ptr<::gloo::transport::Device> gloo_device(const World& world) {
  const auto& address = world.master_addr;
  if (address == "localhost" || address.rfind("127.", 0) == 0)
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  if (const auto interface = process_environment("GLOO_SOCKET_IFNAME"))
    return c10d::ProcessGroupGloo::createDeviceForInterface(*interface);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

struct ProcessGroup::Connection {
  c10::intrusive_ptr<c10d::TCPStore> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

ProcessGroup::ProcessGroup(const World& world, std::chrono::milliseconds timeout)
    : world_(world), connection_(std::make_unique<Connection>()) {
  const std::string where = world.master_addr + ":" + std::to_string(world.master_port);
  try {
    c10d::TCPStoreOptions options;
    options.port = world.master_port;
    options.isServer = world.rank == 0;
    options.numWorkers = static_cast<size_t>(world.size);
    options.waitWorkers = true;
    options.timeout = timeout;
    connection_->store = c10::make_intrusive<c10d::TCPStore>(world.master_addr, options);
    auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
    gloo->devices.push_back(gloo_device(world));
    connection_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(connection_->store, world.rank,
                                                                     world.size, gloo);
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(world.rank) + " of " + std::to_string(world.size) +
                ": cannot join the other ranks at " + where +
                " (MASTER_ADDR:MASTER_PORT): " + e.what());
  }
}

ProcessGroup::~ProcessGroup() = default;

template <typename Call>
void ProcessGroup::collective(const char* what, Call call) {
  try {
    call(*connection_->group)->wait();
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(world_.rank) + " of " + std::to_string(world_.size) +
                ": " + what +
                " failed; another rank has probably stopped (see its error): " + e.what());
  }
}

template <typename Call>
void ProcessGroup::bucketed(const std::vector<torch::Tensor>& tensors, const char* what,
                            Call call) {
  for (const auto& bucket : buckets(tensors)) {
    std::vector<torch::Tensor> flat = {torch::utils::flatten_dense_tensors(bucket)};
    collective(what, [&](c10d::ProcessGroup& group) { return call(group, flat); });
    const auto parts = torch::utils::unflatten_dense_tensors(flat[0], bucket);
    torch::NoGradGuard no_grad;
    for (size_t i = 0; i < bucket.size(); ++i) bucket[i].copy_(parts[i]);
  }
}

void ProcessGroup::sum(const std::vector<torch::Tensor>& tensors) {
  bucketed(tensors, "summing tensors over the ranks",
           [](c10d::ProcessGroup& group, std::vector<torch::Tensor>& flat) {
             return group.allreduce(flat);
           });
}

double ProcessGroup::sum(double value) {
  const auto tensor = torch::tensor({value}, torch::kDouble);
  sum(std::vector<torch::Tensor>{tensor});
  return tensor.item<double>();
}

void ProcessGroup::sum_gradients(const std::vector<torch::Tensor>& parameters) {
  // Which parameters have a gradient on some rank: every rank must reduce the same list.
  std::vector<float> flags;
  for (const auto& parameter : parameters) flags.push_back(parameter.grad().defined() ? 1 : 0);
  const auto defined = torch::tensor(flags);
  sum(std::vector<torch::Tensor>{defined});
  const auto anywhere = defined.accessor<float, 1>();
  std::vector<torch::Tensor> gradients;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (anywhere[static_cast<int64_t>(i)] == 0) continue;
    auto parameter = parameters[i];
    if (!parameter.grad().defined()) parameter.mutable_grad() = torch::zeros_like(parameter);
    gradients.push_back(parameter.grad());
  }
  sum(gradients);
}

void ProcessGroup::broadcast(const std::vector<torch::Tensor>& tensors) {
  bucketed(tensors, "receiving rank 0's tensors",
           [](c10d::ProcessGroup& group, std::vector<torch::Tensor>& flat) {
             return group.broadcast(flat);
           });
}

void ProcessGroup::barrier() {
  collective("waiting for the other ranks",
             [&](c10d::ProcessGroup& group) { return group.barrier(); });
}

void join_world(double timeout_seconds) {
  static std::once_flag once;
  std::call_once(once, [&] {
    joined_world = world_from_environment();
    if (!joined_world.distributed()) return;
    joined_group = std::make_unique<ProcessGroup>(
        joined_world, std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000)));
  });
}

const World& world() { return joined_world; }

ProcessGroup* process_group() { return joined_group.get(); }

}  // namespace mnemo::runtime
