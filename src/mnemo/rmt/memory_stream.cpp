#include "mnemo/rmt/memory_stream.h"

#include <c10/core/InferenceMode.h>

#include "mnemo/core/error.h"

namespace mnemo::rmt {

MemoryStream::MemoryStream(MemoryEncoderImpl& model, size_t total_tokens)
    : model_(model),
      total_(total_tokens),
      count_(segment_count(total_tokens, model.config().usable())) {
  if (total_tokens == 0) throw Error("RMT stream: the input is empty");
  model_.eval();
  c10::InferenceMode inference;
  memory_ = model_.initial_memory(1).clone();
  pending_.reserve(static_cast<size_t>(model.config().usable()));
}

void MemoryStream::feed(const std::vector<int32_t>& tokens) {
  if (read_ + tokens.size() > total_)
    throw Error("RMT stream: " + std::to_string(read_ + tokens.size()) +
                " tokens fed, more than the " + std::to_string(total_) + " announced");
  const int64_t usable = model_.config().usable();
  for (const int32_t token : tokens) {
    pending_.push_back(token);
    ++read_;
    if (pending_.size() == segment_span(total_, usable, done_).length) run_segment();
  }
}

void MemoryStream::run_segment() {
  c10::InferenceMode inference;
  const auto segment = build_segment_batch({&pending_}, 0, 1, model_.config());
  auto out = model_.step(segment, memory_);
  memory_ = out.memory;
  logits_ = out.logits;
  pending_.clear();
  ++done_;
}

torch::Tensor MemoryStream::finish() const {
  if (done_ < count_)
    throw Error("RMT stream: " + std::to_string(read_) + " of the " + std::to_string(total_) +
                " announced tokens were fed");
  return logits_;
}

}  // namespace mnemo::rmt
