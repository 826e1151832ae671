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

SegmentPositions segment_positions(const RmtConfig& config, const SegmentSpan& span) {
  return {config.memory_size, static_cast<int64_t>(span.length)};
}

int64_t batch_steps(const std::vector<const std::vector<int32_t>*>& samples, int64_t usable) {
  int64_t steps = 0;
  for (const auto* sample : samples) steps = std::max(steps, segment_count(sample->size(), usable));
  return steps;
}

SegmentBatch build_segment_batch(const std::vector<const std::vector<int32_t>*>& samples,
                                 int64_t step, int64_t steps, const RmtConfig& config) {
  const int64_t usable = config.usable();
  std::vector<int64_t> active;
  std::vector<SegmentSpan> spans;
  int64_t width = SegmentPositions{config.memory_size, 0}.width();
  for (size_t i = 0; i < samples.size(); ++i) {
    const int64_t count = segment_count(samples[i]->size(), usable);
    const int64_t local = step - (steps - count);
    if (local < 0) continue;
    active.push_back(static_cast<int64_t>(i));
    spans.push_back(segment_span(samples[i]->size(), usable, local));
    width = std::max(width, segment_positions(config, spans.back()).width());
  }
  const auto rows = static_cast<int64_t>(active.size());
  auto ids = torch::full({rows, width}, config.pad_id, torch::kLong);
  auto mask = torch::zeros({rows, width}, torch::kLong);
  auto ids_view = ids.accessor<int64_t, 2>();
  auto mask_view = mask.accessor<int64_t, 2>();
  for (int64_t row = 0; row < rows; ++row) {
    const auto& tokens = *samples[active[row]];
    const auto& span = spans[row];
    const auto at = segment_positions(config, span);
    ids_view[row][at.cls()] = config.cls_id;
    for (int64_t m = 0; m < config.memory_size; ++m)
      ids_view[row][at.memory(m)] = config.memory_token_id + m;
    ids_view[row][at.first_sep()] = config.sep_id;
    for (int64_t k = 0; k < at.tokens; ++k) ids_view[row][at.token(k)] = tokens[span.begin + k];
    ids_view[row][at.last_sep()] = config.sep_id;
    for (int64_t k = 0; k < at.width(); ++k) mask_view[row][k] = 1;
  }
  return {ids, mask, torch::tensor(active, torch::kLong)};
}

}  // namespace mnemo::rmt
