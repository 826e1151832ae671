// mnemo memorization score | predict | bench: k-extractability of training sequences under a
// model (Biderman et al. 2023), how well one model's memorized set predicts another's, and
// what scoring costs against a forward pass.
#include <torch/torch.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/command.h"
#include "cli/positive.h"
#include "cli/progress_line.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/timing.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/io/json_file.h"
#include "mnemo/memorization/extraction.h"
#include "mnemo/memorization/score_file.h"
#include "mnemo/nn/gpt2_config.h"
#include "mnemo/runtime/runtime_setup.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct ScoreOptions {
  std::string model, data, indices, out;
  memorization::ExtractionWindow window;
  int64_t batch = 128;  // wide batches amortise reading the vocabulary projection each step
  int64_t training_tokens = 0;
};

// "A:B" (half-open, either end optional) within [0, size).
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

// What a score file was made with, beside it as `<out>.json`; a resumed run must match it.
nlohmann::json score_settings(const ScoreOptions& options, const io::IndexedDataset& data,
                              int64_t parameters) {
  nlohmann::json settings = {{"model", fs::absolute(options.model).string()},
                             {"data", fs::absolute(data.index_path()).string()},
                             {"prompt_length", options.window.prompt_length},
                             {"continuation_length", options.window.continuation_length},
                             {"parameters", parameters}};
  if (options.training_tokens > 0) settings["training_tokens"] = options.training_tokens;
  return settings;
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

void run_score(const ScoreOptions& options) {
  options.window.validate();
  if (options.batch < 1) throw Error("--batch must be at least 1");
  const io::IndexedDataset data(options.data);
  const auto [first, last] = parse_indices(options.indices, data.size());
  auto model = memorization::CausalLm::load(options.model);
  const auto settings = score_settings(options, data, model.parameters());
  const fs::path settings_path = options.out + ".json";
  if (fs::exists(options.out) && fs::exists(settings_path)) {
    const auto before = io::read_json_file(settings_path);
    if (before != settings)
      throw file_error(options.out, "was scored with other settings (" + before.dump() +
                                        "); give another --out");
  }
  io::write_file_atomic(settings_path, settings.dump(2) + "\n");
  memorization::ScoreWriter writer(options.out);

  std::vector<uint64_t> todo;
  for (uint64_t i = first; i < last; ++i)
    if (!writer.written().count(static_cast<int64_t>(i))) todo.push_back(i);
  const auto vocab = model.vocab_size();
  ProgressLine progress;
  const auto start = std::chrono::steady_clock::now();
  for (size_t done = 0; done < todo.size();) {
    const size_t count = std::min(todo.size() - done, static_cast<size_t>(options.batch));
    std::vector<int64_t> flat;
    for (size_t i = done; i < done + count; ++i) {
      const auto tokens = data.tokens(todo[i], options.window.total());
      check_vocabulary(tokens, todo[i], vocab, data, options.model);
      flat.insert(flat.end(), tokens.begin(), tokens.end());
    }
    const auto batch = torch::tensor(flat).view({static_cast<int64_t>(count), -1});
    const auto scores = memorization::memorization_scores(model, batch, options.window);
    std::vector<std::pair<int64_t, double>> rows;
    for (size_t i = 0; i < count; ++i) rows.emplace_back(todo[done + i], scores[i]);
    writer.append(rows);
    done += count;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
    std::ostringstream line;
    line << progress_bar(static_cast<double>(done), static_cast<double>(todo.size())) << " " << done
         << "/" << todo.size() << " sequences, " << std::fixed << std::setprecision(1) << rate
         << "/s, eta " << format_duration(static_cast<double>(todo.size() - done) / rate);
    progress.update(line.str(), done == todo.size());
  }
  progress.finish();

  int64_t scored = 0, memorized = 0;
  double total = 0;
  for (const auto& [index, score] : writer.written())
    if (index >= static_cast<int64_t>(first) && index < static_cast<int64_t>(last)) {
      ++scored;
      memorized += score >= 1.0;
      total += score;
    }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << options.out << ": " << scored << " sequences (" << todo.size() << " scored now";
  if (!todo.empty())
    std::cout << ", " << std::fixed << std::setprecision(1)
              << static_cast<double>(todo.size()) / std::max(seconds, 1e-9) << " sequences/s";
  std::cout << "), " << memorized << " memorized (" << std::setprecision(2)
            << 100.0 * static_cast<double>(memorized) /
                   static_cast<double>(std::max<int64_t>(scored, 1))
            << "%), mean score " << std::setprecision(4)
            << total / static_cast<double>(std::max<int64_t>(scored, 1)) << "\n";
}

struct PredictOptions {
  std::string target;
  std::vector<std::string> predictors;
  double threshold = 1.0;
  bool json = false;
};

// 6 x parameters x training tokens from a score file's settings, when both are known.
std::optional<double> training_compute(const std::string& scores) {
  const fs::path settings_path = scores + ".json";
  if (!fs::exists(settings_path)) return std::nullopt;
  const auto settings = io::read_json_file(settings_path);
  if (!settings.contains("parameters") || !settings.contains("training_tokens"))
    return std::nullopt;
  return 6.0 * settings.at("parameters").get<double>() *
         settings.at("training_tokens").get<double>();
}

void run_predict(const PredictOptions& options) {
  if (!(options.threshold > 0 && options.threshold <= 1))
    throw Error("--threshold must be in (0, 1]");
  const auto target = memorization::read_scores(options.target);
  const auto target_compute = training_compute(options.target);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& name : options.predictors) {
    const auto confusion =
        memorization::compare_memorized(target, memorization::read_scores(name), options.threshold);
    nlohmann::json row = {
        {"predictor", name},
        {"sequences", confusion.sequences()},
        {"memorized_by_predictor", confusion.true_positives + confusion.false_positives},
        {"memorized_by_target", confusion.true_positives + confusion.false_negatives},
        {"true_positives", confusion.true_positives},
        {"false_positives", confusion.false_positives},
        {"false_negatives", confusion.false_negatives},
        {"true_negatives", confusion.true_negatives},
        {"precision", confusion.precision()},
        {"recall", confusion.recall()},
        {"f1", confusion.f1()}};
    const auto compute = training_compute(name);
    if (compute && target_compute) row["compute_fraction"] = *compute / *target_compute;
    rows.push_back(row);
  }
  if (options.json) {
    std::cout << nlohmann::json{{"target", options.target},
                                {"threshold", options.threshold},
                                {"predictors", rows}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << "target: " << options.target << " (memorized: score >= " << options.threshold
            << ")\n\n| predictor | sequences | memorized by predictor | memorized by target | "
               "precision | recall | F1 | compute / target's |\n"
               "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& row : rows) {
    std::cout << "| " << row["predictor"].get<std::string>() << " | " << row["sequences"] << " | "
              << row["memorized_by_predictor"] << " | " << row["memorized_by_target"] << " | "
              << std::fixed << std::setprecision(3) << row["precision"].get<double>() << " | "
              << row["recall"].get<double>() << " | " << row["f1"].get<double>() << " | ";
    if (row.contains("compute_fraction"))
      std::cout << row["compute_fraction"].get<double>();
    else
      std::cout << "-";
    std::cout << " |\n";
  }
}

struct BenchOptions {
  std::string model;
  std::string geometry = "small";
  int64_t vocab_size = 50304;
  memorization::ExtractionWindow window;
  int64_t batch = 128;
  int rounds = 5;
  bool uncached = false;
  bool json = false;
};

// Greedy decoding without the cache: the whole sequence again for every token.
void uncached_greedy(memorization::CausalLm& model, const torch::Tensor& sequences,
                     const memorization::ExtractionWindow& window) {
  auto decoded = sequences.slice(1, 0, window.prompt_length);
  for (int64_t step = 0; step < window.continuation_length; ++step)
    decoded = torch::cat({decoded, model.forward(decoded).select(1, -1).argmax(-1, true)}, 1);
}

// What scoring a window costs against one forward pass over it, in the same process and
// rounds interleaved, so that the machine's noise falls on all three alike.
void run_bench(const BenchOptions& options) {
  options.window.validate();
  torch::manual_seed(0);
  auto model = options.model.empty() ? memorization::CausalLm(nn::Gpt2LMHeadModel(
                                           nn::gpt2_geometry(options.geometry, options.vocab_size)))
                                     : memorization::CausalLm::load(options.model);
  c10::InferenceMode inference;
  const auto sequences =
      torch::randint(model.vocab_size(), {options.batch, options.window.total()}, torch::kLong);
  std::vector<double> forward, cached, uncached;
  auto time = [](const std::function<void()>& work) { return eval::time_repeats(work, 1, 0)[0]; };
  for (int round = -1; round < options.rounds; ++round) {  // round -1 warms up
    const double f = time([&] { model.forward(sequences); });
    const double c =
        time([&] { memorization::memorization_scores(model, sequences, options.window); });
    const double u =
        options.uncached ? time([&] { uncached_greedy(model, sequences, options.window); }) : 0;
    if (round < 0) continue;
    forward.push_back(f), cached.push_back(c), uncached.push_back(u);
  }
  const double f = eval::median(forward), c = eval::median(cached), u = eval::median(uncached);
  nlohmann::json report = {
      {"model", options.model.empty() ? "random " + options.geometry : options.model},
      {"model_type", model.model_type()},
      {"parameters", model.parameters()},
      {"batch", options.batch},
      {"prompt_length", options.window.prompt_length},
      {"continuation_length", options.window.continuation_length},
      {"rounds", options.rounds},
      {"forward_seconds_median", f},
      {"cached_scoring_seconds_median", c},
      {"cached_over_forward", c / f},
      {"sequences_per_second", static_cast<double>(options.batch) / c},
      {"threads", runtime::thread_summary()}};
  if (options.uncached) {
    report["uncached_scoring_seconds_median"] = u;
    report["uncached_over_forward"] = u / f;
  }
  if (options.json) {
    std::cout << report.dump(2) << "\n";
    return;
  }
  std::cout << std::fixed << std::setprecision(3) << "| " << options.batch << " x "
            << options.window.total() << " tokens | median s | x one forward pass |\n"
            << "|---|---:|---:|\n"
            << "| forward pass (logits at every position) | " << f << " | 1.000 |\n"
            << "| scoring, key/value cache | " << c << " | " << c / f << " |\n";
  if (options.uncached) std::cout << "| scoring, no cache | " << u << " | " << u / f << " |\n";
  std::cout << "\n"
            << std::setprecision(1) << static_cast<double>(options.batch) / c
            << " sequences/s scored (" << model.parameters() << " parameters, median of "
            << options.rounds << " rounds)\n";
}

}  // namespace

void add_memorization_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand(
      "memorization", "which training sequences a language model memorizes, and predicting it");
  group->require_subcommand(1);

  auto score = std::make_shared<ScoreOptions>();
  auto* score_command = group->add_subcommand(
      "score", "greedy-decode each training sequence's continuation and write index,score CSV");
  score_command
      ->add_option("--model", score->model,
                   "causal LM directory: GPT-2 (mnemo) or GPT-NeoX (Pythia), Hugging Face layout")
      ->required()
      ->check(CLI::ExistingDirectory);
  score_command
      ->add_option("--data", score->data,
                   "training sequences: Megatron indexed dataset PREFIX (.idx + .bin)")
      ->required();
  score_command->add_option("--prompt-len", score->window.prompt_length, "prompt tokens")
      ->capture_default_str();
  score_command
      ->add_option("--cont-len", score->window.continuation_length, "tokens decoded and compared")
      ->capture_default_str();
  score_command->add_option("--indices", score->indices, "sequences A:B (half-open; default all)");
  score_command->add_option("--batch", score->batch, "sequences per forward pass")
      ->capture_default_str();
  score_command->add_option("--training-tokens", score->training_tokens,
                            "tokens the model was trained on (for compute: 6 x params x tokens)");
  score_command->add_option("--out", score->out, "CSV to write; an existing one is resumed")
      ->required();
  score_command->callback([&action, score] { action = [score] { run_score(*score); }; });

  auto predict = std::make_shared<PredictOptions>();
  auto* predict_command = group->add_subcommand(
      "predict", "precision and recall of predictors' memorized sets against a target's");
  predict_command->add_option("--target", predict->target, "scores of the target model")
      ->required()
      ->check(CLI::ExistingFile);
  predict_command
      ->add_option("--predictor", predict->predictors,
                   "scores of each predictor (model or checkpoint)")
      ->required()
      ->check(CLI::ExistingFile);
  predict_command->add_option("--threshold", predict->threshold, "score counted as memorized")
      ->capture_default_str();
  predict_command->add_flag("--json", predict->json, "print JSON");
  predict_command->callback([&action, predict] { action = [predict] { run_predict(*predict); }; });

  auto bench = std::make_shared<BenchOptions>();
  auto* bench_command = group->add_subcommand(
      "bench", "time scoring a window against one forward pass over it (cached and not)");
  bench_command
      ->add_option("--model", bench->model, "causal LM directory (default: random weights)")
      ->check(CLI::ExistingDirectory);
  bench_command->add_option("--config", bench->geometry, "GPT-2 geometry of the random model")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  bench_command->add_option("--vocab-size", bench->vocab_size, "vocabulary of the random model")
      ->capture_default_str();
  bench_command->add_option("--prompt-len", bench->window.prompt_length, "prompt tokens")
      ->capture_default_str();
  bench_command->add_option("--cont-len", bench->window.continuation_length, "decoded tokens")
      ->capture_default_str();
  bench_command->add_option("--batch", bench->batch, "sequences a pass")
      ->capture_default_str()
      ->check(positive());
  bench_command->add_option("--rounds", bench->rounds, "timed rounds (after one warm-up)")
      ->capture_default_str()
      ->check(positive());
  bench_command->add_flag("--uncached", bench->uncached,
                          "also time greedy decoding without the cache (slow)");
  bench_command->add_flag("--json", bench->json, "print JSON");
  bench_command->callback([&action, bench] { action = [bench] { run_bench(*bench); }; });

  add_memorization_train_commands(*group, action);
}

}  // namespace mnemo::cli
