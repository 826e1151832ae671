// The model a training run starts from: a new backbone of a named geometry, a Hugging Face
// BERT directory (e.g. from `mnemo bert pretrain`), or an earlier RMT model directory, whose
// memory rows and answer head go on when the memory size and the answers are the same.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"

namespace mnemo::rmt {

struct RmtModel;  // rmt_checkpoint.h

struct ModelStart {
  std::string geometry = "small";  // tiny, small or base, for a new backbone
  std::string tokenizer;           // tokenizer directory; with `init`, replaces the model's
  std::string init;                // a BERT or RMT model directory to start from
  int64_t memory_size = 10;
  int64_t segment_size = 0;  // 0: the geometry's (64 tiny, 128 small, 512 base) or init's
};

// For each of `labels`, its row in the head trained on `previous`; none unless both name
// the same answers (in any order: bAbI files sort theirs, the generated tasks do not).
std::optional<std::vector<int64_t>> head_rows(const std::vector<std::string>& previous,
                                              const std::vector<std::string>& labels);

// The model `start` asks for, answering `labels` on `task` (a TaskSpec's JSON). Notes what it
// starts from and any weights of an --init BERT left unused or missing.
RmtModel build_model(const ModelStart& start, const std::vector<std::string>& labels,
                     const nlohmann::json& task, const Progress& progress = {});

}  // namespace mnemo::rmt
