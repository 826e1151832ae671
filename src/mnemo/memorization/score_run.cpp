#include "mnemo/memorization/score_run.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/io/json_file.h"
#include "mnemo/memorization/extraction.h"
#include "mnemo/memorization/score_file.h"
#include "mnemo/runtime/process_group.h"

namespace mnemo::memorization {
namespace {

namespace fs = std::filesystem;

// What a score file was made with, beside it as `<out>.json`; a resumed run must match it.
nlohmann::json settings_record(const ScoreSettings& settings, const io::IndexedDataset& data,
                               int64_t parameters) {
  nlohmann::json record = {{"model", fs::absolute(settings.model).string()},
                           {"data", fs::absolute(data.index_path()).string()},
                           {"prompt_length", settings.window.prompt_length},
                           {"continuation_length", settings.window.continuation_length},
                           {"parameters", parameters}};
  if (settings.training_tokens > 0) record["training_tokens"] = settings.training_tokens;
  return record;
}

void check_vocabulary(const std::vector<int64_t>& tokens, uint64_t sequence, int64_t vocab,
                      const io::IndexedDataset& data, const std::string& model) {
  for (const int64_t id : tokens)
    if (id < 0 || id >= vocab)
      throw file_error(data.index_path().string(),
                       "sequence " + std::to_string(sequence) + " holds token id " +
                           std::to_string(id) + ", outside the " + std::to_string(vocab) +
                           "-token vocabulary of the model in " + model);
}

std::string status(size_t done, size_t total, double seconds) {
  const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
  char text[128];
  std::snprintf(text, sizeof text, "%zu/%zu sequences, %.1f/s, eta ", done, total, rate);
  return text + format_duration(static_cast<double>(total - done) / rate);
}

// With several ranks, each scores its part of what is left into <out>.rank-R.
std::string part_path(const std::string& out, int rank) {
  return out + ".rank-" + std::to_string(rank);
}

// Appends to `scores` (the CSV) the rows of the part files beside it, in rank order, and
// removes them: after a sharded run, or one killed in the middle, the CSV is what one process
// writes.
void merge_parts(ScoreWriter& scores, const std::string& out) {
  const fs::path folder = fs::absolute(out).parent_path();
  const std::string prefix = fs::path(out).filename().string() + ".rank-";
  std::vector<std::pair<int, fs::path>> parts;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const auto rank = parse_integer(name.substr(prefix.size()));
    if (rank) parts.emplace_back(static_cast<int>(*rank), entry.path());
  }
  std::sort(parts.begin(), parts.end());
  for (const auto& [rank, path] : parts) {
    std::vector<std::pair<int64_t, double>> rows;
    {
      const ScoreWriter part(path);  // cuts a torn last line
      for (const auto& [index, score] : part.written())
        if (!scores.written().count(index)) rows.emplace_back(index, score);
    }
    scores.append(rows);
    fs::remove(path);
  }
}

}  // namespace

std::pair<uint64_t, uint64_t> parse_indices(const std::string& text, uint64_t size) {
  if (text.empty()) return {0, size};
  const auto colon = text.find(':');
  if (colon == std::string::npos) throw Error("--indices: expected A:B, got '" + text + "'");
  try {
    const auto first = colon == 0 ? 0 : std::stoull(text.substr(0, colon));
    const auto last = colon + 1 == text.size() ? size : std::stoull(text.substr(colon + 1));
    if (first >= last || last > size)
      throw Error("--indices " + text + ": the data holds sequences 0:" + std::to_string(size));
    return {first, last};
  } catch (const std::logic_error&) {
    throw Error("--indices: expected A:B, got '" + text + "'");
  }
}

ScoreSummary score_sequences(const ScoreSettings& settings, const Progress& progress) {
  settings.window.validate();
  if (settings.batch < 1) throw Error("--batch must be at least 1");
  const io::IndexedDataset data(settings.data);
  const auto [first, last] = parse_indices(settings.indices, data.size());
  auto model = CausalLm::load(settings.model);
  const auto record = settings_record(settings, data, model.parameters());
  const fs::path record_path = settings.out + ".json";
  // Rank 0 (or the only process) keeps the CSV; with several ranks each scores a contiguous
  // part of what is left into a part file, which rank 0 merges at the end.
  auto* ranks = runtime::process_group();
  const bool leader = ranks == nullptr || ranks->world().leader();
  std::unique_ptr<ScoreWriter> scores;
  if (leader) {
    if (fs::exists(settings.out) && fs::exists(record_path)) {
      const auto before = io::read_json_file(record_path);
      if (before != record)
        throw file_error(settings.out, "was scored with other settings (" + before.dump() +
                                           "); give another --out");
    }
    io::write_file_atomic(record_path, record.dump(2) + "\n");
    scores = std::make_unique<ScoreWriter>(settings.out);
    merge_parts(*scores, settings.out);
  }
  if (ranks != nullptr) ranks->barrier();
  const auto written = leader ? scores->written() : read_scores(settings.out);

  std::vector<uint64_t> left;
  for (uint64_t i = first; i < last; ++i)
    if (!written.count(static_cast<int64_t>(i))) left.push_back(i);
  auto todo = left;
  std::unique_ptr<ScoreWriter> part;
  if (ranks != nullptr) {
    const auto [begin, count] = runtime::share_of(static_cast<int64_t>(left.size()),
                                                  ranks->world().rank, ranks->world().size);
    todo = std::vector(left.begin() + begin, left.begin() + begin + count);
    part = std::make_unique<ScoreWriter>(part_path(settings.out, ranks->world().rank));
  }
  ScoreWriter& writer = part ? *part : *scores;
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  for (size_t done = 0; done < todo.size();) {
    const size_t count = std::min(todo.size() - done, static_cast<size_t>(settings.batch));
    std::vector<int64_t> flat;
    for (size_t i = done; i < done + count; ++i) {
      const auto tokens = data.tokens(todo[i], settings.window.total());
      check_vocabulary(tokens, todo[i], model.vocab_size(), data, settings.model);
      flat.insert(flat.end(), tokens.begin(), tokens.end());
    }
    const auto batch = torch::tensor(flat).view({static_cast<int64_t>(count), -1});
    const auto scores = memorization_scores(model, batch, settings.window);
    std::vector<std::pair<int64_t, double>> rows;
    for (size_t i = 0; i < count; ++i) rows.emplace_back(todo[done + i], scores[i]);
    writer.append(rows);
    done += count;
    progress.update(static_cast<double>(done), static_cast<double>(todo.size()),
                    status(done, todo.size(), seconds()), done == todo.size());
  }

  ScoreSummary summary;
  summary.scored_now = static_cast<int64_t>(left.size());
  summary.seconds = seconds();
  if (ranks != nullptr) {
    part.reset();
    ranks->barrier();  // every part is whole
    if (!leader) return summary;
    merge_parts(*scores, settings.out);
  }
  double total = 0;
  for (const auto& [index, score] : scores->written())
    if (index >= static_cast<int64_t>(first) && index < static_cast<int64_t>(last)) {
      ++summary.sequences;
      summary.memorized += score >= 1.0;
      total += score;
    }
  summary.mean_score = total / static_cast<double>(std::max<int64_t>(summary.sequences, 1));
  return summary;
}

}  // namespace mnemo::memorization
