#include "mnemo/rmt/segments.h"

#include <algorithm>

#include "mnemo/core/error.h"

namespace mnemo::rmt {

int64_t segment_count(size_t length, int64_t usable) {
  const auto size = static_cast<size_t>(usable);
  return std::max<int64_t>(1, static_cast<int64_t>((length + size - 1) / size));
}

SegmentSpan segment_span(size_t length, int64_t usable, int64_t index) {
  const int64_t count = segment_count(length, usable);
  if (index < 0 || index >= count) throw Error("segment index out of range");
  const size_t end = length - static_cast<size_t>(count - 1 - index) * static_cast<size_t>(usable);
  const size_t begin = end > static_cast<size_t>(usable) ? end - usable : 0;
  return {begin, end - begin};
}

int64_t batch_steps(const std::vector<const std::vector<int32_t>*>& samples, int64_t usable) {
  int64_t steps = 0;
  for (const auto* sample : samples) steps = std::max(steps, segment_count(sample->size(), usable));
  return steps;
}

SegmentBatch build_segment_batch(const std::vector<const std::vector<int32_t>*>& samples,
                                 int64_t step, int64_t steps, const RmtConfig& config) {
  const int64_t memory = config.memory_size, usable = config.usable();
  std::vector<int64_t> active;
  std::vector<SegmentSpan> spans;
  size_t longest = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const int64_t count = segment_count(samples[i]->size(), usable);
    const int64_t local = step - (steps - count);
    if (local < 0) continue;
    active.push_back(static_cast<int64_t>(i));
    spans.push_back(segment_span(samples[i]->size(), usable, local));
    longest = std::max(longest, spans.back().length);
  }
  const int64_t width = memory + 3 + static_cast<int64_t>(longest);
  const auto rows = static_cast<int64_t>(active.size());
  auto ids = torch::full({rows, width}, config.pad_id, torch::kLong);
  auto mask = torch::zeros({rows, width}, torch::kLong);
  auto ids_view = ids.accessor<int64_t, 2>();
  auto mask_view = mask.accessor<int64_t, 2>();
  for (int64_t row = 0; row < rows; ++row) {
    const auto& tokens = *samples[active[row]];
    const auto& span = spans[row];
    int64_t column = 0;
    ids_view[row][column++] = config.cls_id;
    for (int64_t m = 0; m < memory; ++m) ids_view[row][column++] = config.memory_token_id + m;
    ids_view[row][column++] = config.sep_id;
    for (size_t k = 0; k < span.length; ++k) ids_view[row][column++] = tokens[span.begin + k];
    ids_view[row][column++] = config.sep_id;
    for (int64_t k = 0; k < column; ++k) mask_view[row][k] = 1;
  }
  return {ids, mask, torch::tensor(active, torch::kLong)};
}

}  // namespace mnemo::rmt
