// Process settings that decide CPU speed here: OpenBLAS (pthreads) already uses every core
// for matrix products, and libgomp threads that spin-wait between parallel regions steal
// those cores. OMP_WAIT_POLICY=PASSIVE must be in the environment before libgomp loads,
// which happens before main(), so the program re-executes itself once with it set.
#pragma once
#include <string>

namespace mnemo::runtime {

// Call first in main(). When OMP_WAIT_POLICY is unset, sets it to PASSIVE and re-executes
// /proc/self/exe with the same arguments; does nothing when the variable is already set
// (by the user or by the first execution). If exec fails the program goes on unchanged.
void ensure_passive_omp_wait(char** argv);

// Cores this process may run on (its CPU affinity).
int available_cores();

// libtorch intra-op threads; `threads` <= 0 means OMP_NUM_THREADS when set, else
// available_cores().
void configure_threads(int threads);

// Keeps freed memory in the process for reuse. By default glibc gives each large tensor
// back to the kernel (munmap) and page-faults it in again at the next allocation: on these
// machines that doubled a BERT-base forward (docs/results/threads.md, scripts/bench-threads.sh).
// MNEMO_GLIBC_MALLOC=1 in the environment keeps glibc's defaults (to measure the gain).
void configure_allocator();

// The libtorch this program was built against, e.g. "1.13.0".
std::string libtorch_version();

// "torch threads 2, OMP_WAIT_POLICY=PASSIVE, cores 2" for --version and benchmark logs.
std::string thread_summary();

}  // namespace mnemo::runtime
