#include "mnemo/eval/babilong_evaluation.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include "mnemo/core/error.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/rmt/rmt_config.h"
#include "mnemo/tasks/babilong.h"
#include "mnemo/tasks/babilong_tasks.h"

namespace mnemo::eval {
namespace {

namespace fs = std::filesystem;

// Reads each of `n` samples segment by segment, generates greedily after "Answer:" and scores
// the output as BABILong does; the row of `task` in `column`.
AccuracyRow score_babilong_samples(rmt::DecoderRmtModel& rmt,
                                   const std::function<tasks::BabilongSample(int64_t)>& sample_at,
                                   int64_t n, int64_t max_new_tokens, const std::string& task,
                                   size_t column, const std::string& label,
                                   const Progress& progress) {
  lm::GenerationOptions generation;
  generation.max_new_tokens = max_new_tokens;
  generation.eos_token_id = text::end_of_text_id(*rmt.tokenizer);
  AccuracyRow row;
  row.model = task;
  row.segments = static_cast<int64_t>(column);  // the column index; tokens is the length
  const auto started = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) {
    const auto sample = sample_at(i);
    const auto tokens = tasks::qa_tokens(sample, *rmt.tokenizer);
    auto generated = rmt.model->continue_text(tokens.prompt, generation);
    if (!generated.empty() && generated.back() == *generation.eos_token_id) generated.pop_back();
    row.correct += tasks::babilong_correct(rmt.tokenizer->decode(generated), sample.target);
    row.tokens = std::max<int64_t>(row.tokens, tokens.prompt.size());
    ++row.n;
    progress.update(
        i + 1, n,
        label + ": " + std::to_string(row.correct) + "/" + std::to_string(row.n) + " correct");
  }
  row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return row;
}

}  // namespace

nlohmann::json BabilongEvalResult::to_json() const {
  auto json = results_json(rows);
  for (auto& row : json["results"]) row["length"] = columns.at(row["segments"].get<size_t>());
  return json;
}

BabilongEvalResult evaluate_babilong(const BabilongEvalSettings& settings,
                                     const Progress& progress) {
  auto rmt = rmt::load_decoder_rmt(rmt::model_directory(settings.model));
  torch::NoGradGuard no_grad;
  BabilongEvalResult result;
  for (const auto& file : settings.data) {
    const auto samples = tasks::read_babilong(file);
    const size_t column = result.columns.size();
    result.columns.push_back(fs::path(file).filename().string());
    result.rows.push_back(score_babilong_samples(
        rmt, [&](int64_t i) { return samples[i]; }, samples.size(), settings.max_new_tokens,
        fs::path(file).stem().string(), column, file, progress));
  }
  if (!settings.babi.empty()) {
    const auto generators =
        tasks::babilong_tasks(settings.babi, settings.noise, rmt.tokenizer, progress);
    const auto lengths = tasks::parse_lengths(settings.lengths);
    const size_t first_column = result.columns.size();
    for (const int64_t length : lengths) result.columns.push_back(tasks::length_name(length));
    for (const auto& generator : generators)
      for (size_t l = 0; l < lengths.size(); ++l)
        result.rows.push_back(score_babilong_samples(
            rmt,
            [&](int64_t i) {
              return tasks::evaluation_sample(*generator, settings.seed, lengths[l], i);
            },
            settings.samples, settings.max_new_tokens, generator->name(), first_column + l,
            generator->name() + " at " + tasks::length_name(lengths[l]), progress));
  }
  if (result.rows.empty()) throw Error("babilong eval: give --data FILE... or --babi FILE...");
  return result;
}

}  // namespace mnemo::eval
