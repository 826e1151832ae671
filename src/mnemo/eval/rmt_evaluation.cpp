#include "mnemo/eval/rmt_evaluation.h"

#include <chrono>

#include "mnemo/core/numbers.h"
#include "mnemo/eval/accuracy.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/runtime/process_group.h"

namespace mnemo::eval {
namespace {

// Evaluation samples come from their own stream of the validation noise, so they differ
// from the set training validated on.
constexpr uint64_t kRmtEvaluationStream = 4;

}  // namespace

std::vector<AccuracyRow> evaluate_rmt(const RmtEvalSettings& settings, const Progress& progress) {
  const auto segment_counts = parse_counts(settings.segments, "--segments");
  const auto noise = tasks::noise_files(settings.task.noise);
  std::vector<AccuracyRow> rows;
  for (const auto& name : settings.models) {
    const auto dir = rmt::model_directory(name);
    auto rmt = rmt::load_rmt(dir);
    const auto& config = rmt.model->config();
    const auto spec =
        settings.task.spec(tasks::TaskSpec::from_json(config.task, (dir / "rmt.json").string()));
    const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise, *rmt.tokenizer);
    const tasks::TaskGenerator task(spec, rmt.tokenizer, corpus, config.labels);
    for (const int64_t segments : segment_counts) {
      tasks::SampleSet set;
      set.seed = settings.seed;
      set.stream = kRmtEvaluationStream;
      set.segments = segments;
      set.samples = settings.samples;
      // With several ranks each counts its part of the samples (rank 0 prints the sum).
      auto* ranks = runtime::process_group();
      if (ranks != nullptr) {
        set.rank = ranks->world().rank;
        set.ranks = ranks->world().size;
      }
      const auto started = std::chrono::steady_clock::now();
      AccuracyRow row;
      row.model = name;
      row.segments = segments;
      row.tokens = segments * config.usable();
      row.n = settings.samples;
      row.correct =
          count_correct(*rmt.model, task, set, settings.batch, [&](int64_t done, int64_t total) {
            progress.update(static_cast<double>(done), static_cast<double>(total),
                            name + ": " + std::to_string(segments) + " segments (" +
                                std::to_string(row.tokens) + " tokens), " + std::to_string(done) +
                                "/" + std::to_string(total) + " samples");
          });
      if (ranks != nullptr)
        row.correct = static_cast<int64_t>(ranks->sum(static_cast<double>(row.correct)));
      row.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace mnemo::eval
