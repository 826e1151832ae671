// mnemo rmt run: answer a question about input files of any length, read as a stream.
#include <algorithm>
#include <iostream>
#include <numeric>

#include "cli/command.h"
#include "cli/progress_line.h"
#include "cli/task_options.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/timing.h"
#include "mnemo/rmt/memory_stream.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/text/token_stream.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string question;
  bool json = false;
};

void run_rmt(const RunOptions& options) {
  auto rmt = rmt::load_rmt(rmt_model_directory(options.model));
  std::vector<fs::path> files(options.inputs.begin(), options.inputs.end());
  const auto question_ids = rmt.tokenizer->encode(options.question);
  if (question_ids.empty()) throw Error("--question: no tokens in '" + options.question + "'");
  const std::vector<int32_t> question(question_ids.begin(), question_ids.end());

  // Segments are right-aligned as in training, so the length comes first: a counting pass
  // tokenizes the files without keeping the ids.
  ProgressLine line;
  const uint64_t bytes = text::total_bytes(files);
  size_t input_tokens = 0;
  text::tokenize_files(files, *rmt.tokenizer, [&](const std::vector<int32_t>& ids, uint64_t read) {
    input_tokens += ids.size();
    line.update(progress_bar(double(read), double(bytes)) +
                " counting tokens: " + std::to_string(input_tokens));
  });

  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  rmt::MemoryStream stream(*rmt.model, input_tokens + question.size());
  text::tokenize_files(files, *rmt.tokenizer, [&](const std::vector<int32_t>& ids, uint64_t) {
    stream.feed(ids);
    const double done = double(stream.segments_done()), total = double(stream.segments());
    const double rate = double(stream.tokens_read()) / std::max(seconds(), 1e-9);
    line.update(progress_bar(done, total) + " segment " + std::to_string(stream.segments_done()) +
                "/" + std::to_string(stream.segments()) + ", " +
                std::to_string(static_cast<int64_t>(rate)) + " tokens/s, ETA " +
                format_duration((total - done) * double(rmt.model->config().usable()) / rate));
  });
  stream.feed(question);
  const auto probabilities = torch::softmax(stream.finish(), 1)[0];
  const double elapsed = seconds();
  line.finish();

  const auto& labels = rmt.model->config().labels;
  const int64_t answer = probabilities.argmax().item<int64_t>();
  nlohmann::json result = {{"answer", labels[answer]},
                           {"tokens", stream.tokens_read()},
                           {"segments", stream.segments()},
                           {"seconds", elapsed},
                           {"tokens_per_s", double(stream.tokens_read()) / elapsed},
                           {"peak_rss_mb", eval::peak_rss_mb()}};
  for (size_t i = 0; i < labels.size(); ++i)
    result["probabilities"][labels[i]] = probabilities[static_cast<int64_t>(i)].item<double>();
  if (options.json) {
    std::cout << result.dump(2) << "\n";
    return;
  }
  std::cout << "answer: " << labels[answer] << "\n";
  std::vector<size_t> order(labels.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return probabilities[a].item<double>() > probabilities[b].item<double>();
  });
  for (const size_t i : order) {
    char text[64];
    std::snprintf(text, sizeof text, "  %-12s %6.2f%%\n", labels[i].c_str(),
                  100.0 * probabilities[static_cast<int64_t>(i)].item<double>());
    std::cout << text;
  }
  std::cout << stream.tokens_read() << " tokens in " << stream.segments() << " segments, "
            << format_duration(elapsed) << " ("
            << static_cast<int64_t>(double(stream.tokens_read()) / elapsed)
            << " tokens/s), peak memory " << static_cast<int64_t>(eval::peak_rss_mb()) << " MB\n";
}

}  // namespace

void add_rmt_run_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<RunOptions>();
  auto* run = rmt.add_subcommand(
      "run", "answer a question about text files of any length, read as a stream");
  run->add_option("--model", options->model, "RMT model directory or training run directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  run->add_option("--input", options->inputs, "text files, read in order as one input")
      ->required()
      ->check(CLI::ExistingFile);
  run->add_option("--question", options->question, "the question, e.g. \"Where is Mary?\"")
      ->required();
  run->add_flag("--json", options->json, "print JSON (answer, probabilities, tokens/s)");
  run->callback([&action, options] { action = [options] { run_rmt(*options); }; });
}

}  // namespace mnemo::cli
