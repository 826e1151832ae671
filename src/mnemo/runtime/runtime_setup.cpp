#include "mnemo/runtime/runtime_setup.h"

#include <ATen/Parallel.h>
#include <malloc.h>
#include <sched.h>
#include <torch/version.h>
#include <unistd.h>

#include <cstdlib>

namespace mnemo::runtime {

void ensure_passive_omp_wait(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  ::execv("/proc/self/exe", argv);
  // Only reached when exec failed: run on, with the default (spinning) policy.
}

int available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<int>(online) : 1;
}

void configure_threads(int threads) {
  if (threads <= 0) {
    // As in PyTorch, OMP_NUM_THREADS sets the default (torchrun and `mnemo launch` divide the
    // cores among the ranks with it).
    const char* omp = std::getenv("OMP_NUM_THREADS");
    threads = omp != nullptr ? std::atoi(omp) : 0;
  }
  at::set_num_threads(threads > 0 ? threads : available_cores());
}

void configure_allocator() {
  if (std::getenv("MNEMO_GLIBC_MALLOC") != nullptr) return;
  ::mallopt(M_MMAP_MAX, 0);              // serve large blocks from the reusable heap
  ::mallopt(M_TRIM_THRESHOLD, 1 << 30);  // and keep up to 1 GiB of free heap mapped
}

std::string thread_summary() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  return "torch threads " + std::to_string(at::get_num_threads()) +
         ", OMP_WAIT_POLICY=" + (policy ? policy : "(unset)") +
         (std::getenv("MNEMO_GLIBC_MALLOC") ? ", glibc malloc defaults"
                                            : ", malloc keeps freed memory") +
         ", cores " + std::to_string(available_cores());
}

std::string libtorch_version() { return TORCH_VERSION; }

}  // namespace mnemo::runtime
