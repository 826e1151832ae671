// Accuracy of an encoder RMT on generated samples, batch after batch, in constant memory.
#pragma once
#include <cstdint>
#include <functional>

#include "mnemo/rmt/memory_encoder.h"
#include "mnemo/tasks/sample_set.h"
#include "mnemo/tasks/task.h"

namespace mnemo::eval {

// Called after each batch with the samples done so far.
using BatchProgress = std::function<void(int64_t done, int64_t total)>;

// Correct answers on this rank's part of the set (set.share(); the whole for one rank), with
// progress over that part; the model runs in eval mode without gradients and is put
// back in the mode it was in.
int64_t count_correct(rmt::MemoryEncoderImpl& model, const tasks::TaskGenerator& task,
                      const tasks::SampleSet& set, int64_t batch_size,
                      const BatchProgress& progress = {});

}  // namespace mnemo::eval
