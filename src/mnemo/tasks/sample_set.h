// A fixed, reproducible set of generated samples: sample i of a set comes from
// Random::keyed({seed, stream, segments, i}), so the same (seed, stream) gives the same
// samples in every run, whichever rank draws them.
#pragma once
#include <cstdint>

#include "mnemo/runtime/world.h"
#include "mnemo/tasks/noise.h"
#include "mnemo/tasks/random.h"

namespace mnemo::tasks {

struct SampleSet {
  Split split = Split::validation;
  uint64_t seed = 0;
  uint64_t stream = 0;
  int64_t segments = 1;
  int64_t samples = 100;
  int rank = 0, ranks = 1;  // several ranks validate a part each

  // This rank's samples: [first, first + count) of `samples`.
  std::pair<int64_t, int64_t> share() const { return runtime::share_of(samples, rank, ranks); }

  Random random(int64_t sample) const {
    return Random::keyed(
        {seed, stream, static_cast<uint64_t>(segments), static_cast<uint64_t>(sample)});
  }
};

}  // namespace mnemo::tasks
