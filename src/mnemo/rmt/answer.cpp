#include "mnemo/rmt/answer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "mnemo/core/error.h"
#include "mnemo/eval/timing.h"
#include "mnemo/rmt/memory_stream.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/text/token_stream.h"

namespace mnemo::rmt {

nlohmann::json Answer::to_json() const {
  nlohmann::json json = {{"answer", answer},
                         {"tokens", tokens},
                         {"segments", segments},
                         {"seconds", seconds},
                         {"tokens_per_s", tokens_per_s},
                         {"peak_rss_mb", peak_rss_mb}};
  for (const auto& [label, probability] : probabilities) json["probabilities"][label] = probability;
  return json;
}

Answer answer_question(const AnswerSettings& settings, const Progress& progress) {
  auto rmt = load_rmt(model_directory(settings.model));
  const std::vector<std::filesystem::path> files(settings.inputs.begin(), settings.inputs.end());
  const auto question_ids = rmt.tokenizer->encode(settings.question);
  if (question_ids.empty()) throw Error("--question: no tokens in '" + settings.question + "'");
  const std::vector<int32_t> question(question_ids.begin(), question_ids.end());

  // Segments are right-aligned as in training, so the length comes first: a counting pass
  // tokenizes the files without keeping the ids.
  const uint64_t bytes = text::total_bytes(files);
  size_t input_tokens = 0;
  text::tokenize_files(files, *rmt.tokenizer, [&](const std::vector<int32_t>& ids, uint64_t read) {
    input_tokens += ids.size();
    progress.update(double(read), double(bytes),
                    "counting tokens: " + std::to_string(input_tokens));
  });

  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  const double usable = double(rmt.model->config().usable());
  MemoryStream stream(*rmt.model, input_tokens + question.size());
  text::tokenize_files(files, *rmt.tokenizer, [&](const std::vector<int32_t>& ids, uint64_t) {
    stream.feed(ids);
    const double done = double(stream.segments_done()), total = double(stream.segments());
    const double rate = double(stream.tokens_read()) / std::max(seconds(), 1e-9);
    progress.update(done, total,
                    "segment " + std::to_string(stream.segments_done()) + "/" +
                        std::to_string(stream.segments()) + ", " +
                        std::to_string(static_cast<int64_t>(rate)) + " tokens/s, ETA " +
                        format_duration((total - done) * usable / rate));
  });
  stream.feed(question);
  const auto probabilities = torch::softmax(stream.finish(), 1)[0];  // (C)

  Answer answer;
  answer.seconds = seconds();
  const auto& labels = rmt.model->config().labels;
  answer.answer = labels[probabilities.argmax().item<int64_t>()];
  for (size_t i = 0; i < labels.size(); ++i)
    answer.probabilities.emplace_back(labels[i],
                                      probabilities[static_cast<int64_t>(i)].item<double>());
  answer.tokens = stream.tokens_read();
  answer.segments = stream.segments();
  answer.tokens_per_s = double(answer.tokens) / answer.seconds;
  answer.peak_rss_mb = eval::peak_rss_mb();
  return answer;
}

}  // namespace mnemo::rmt
