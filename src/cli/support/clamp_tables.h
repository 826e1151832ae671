// What the `mnemo clamp` commands print, shared with `clamp demo`, which prints each step as
// its command does.
#pragma once
#include <string>

#include "mnemo/clamp/pipeline.h"
#include "mnemo/train/clamp_training.h"

namespace mnemo::cli {

// | rank | similarity | probability | <key modality> |
void print_search_table(const clamp::SearchResult& result, const std::string& key_modal);
// | file | label | <each label's probability> |
void print_classification_table(const clamp::Classification& result);
// The retrieval table and the zero-shot genre line.
void print_eval_report(const clamp::EvalReport& report);
// The stage table and where the model is.
void print_clamp_run(const train::TrainedModel& result);

}  // namespace mnemo::cli
