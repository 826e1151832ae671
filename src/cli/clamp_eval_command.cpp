// mnemo clamp eval: CLaMP's evaluation on WikiMT-format data: text-to-music and
// music-to-text retrieval over every piece of the split (MRR, HitRatio@1/10/100), and
// zero-shot genre classification from prompts (accuracy, macro-F1), with chance levels.
#include <iomanip>
#include <iostream>
#include <set>

#include "cli/clamp_actions.h"
#include "cli/command.h"
#include "mnemo/clamp/embedding.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/retrieval.h"
#include "mnemo/clamp/zero_shot.h"
#include "mnemo/core/error.h"

namespace mnemo::cli {
namespace {

nlohmann::json to_json(const clamp::RetrievalMetrics& m) {
  return {{"mrr", m.mrr},
          {"hit_at_1", m.hit_at_1},
          {"hit_at_10", m.hit_at_10},
          {"hit_at_100", m.hit_at_100}};
}

void print_retrieval_row(const std::string& name, const nlohmann::json& m) {
  std::cout << "| " << name << " | " << std::fixed << std::setprecision(4) << m["mrr"].get<double>()
            << " | " << m["hit_at_1"].get<double>() << " | " << m["hit_at_10"].get<double>()
            << " | " << m["hit_at_100"].get<double>() << " |\n";
}

}  // namespace

void run_clamp_eval(const ClampEvalOptions& options) {
  const auto all = clamp::read_music_text_json(options.data);
  const auto pairs = clamp::select_split(all, clamp::parse_data_split(options.split));
  if (pairs.size() < 2)
    throw Error(options.data + ": the " + options.split + " split holds fewer than 2 pieces");
  auto use = options.model.load();

  std::vector<std::string> texts;
  std::vector<std::vector<clamp::Patch>> pieces;
  std::vector<int64_t> own;
  for (size_t i = 0; i < pairs.size(); ++i) {
    texts.push_back(pairs[i].text.empty() ? pairs[i].title : pairs[i].text);
    pieces.push_back(clamp::abc_to_patches(pairs[i].music, use.patching(),
                                           options.data + " (" + pairs[i].title + ")"));
    own.push_back(static_cast<int64_t>(i));
  }
  std::cerr << "embedding " << pairs.size() << " texts and pieces of the " << options.split
            << " split\n";
  const auto text_rows = clamp::embed_texts(*use.model, use.tokenizer(), texts);
  const auto music_rows = clamp::embed_patches(*use.model, pieces);
  torch::NoGradGuard no_grad;
  const auto scores = use.model->logits(text_rows, music_rows);
  const auto pieces_count = static_cast<int64_t>(pairs.size());
  nlohmann::json report = {
      {"data", options.data},
      {"split", options.split},
      {"pieces", pieces_count},
      {"text_to_music", to_json(clamp::retrieval_metrics(scores, own))},
      {"music_to_text", to_json(clamp::retrieval_metrics(scores.t(), own))},
      {"retrieval_chance", to_json(clamp::chance_retrieval_metrics(pieces_count))}};

  // Genres of the whole file, so that every split is scored over the same labels.
  std::set<std::string> genre_set;
  for (const auto& pair : all)
    if (!pair.genre.empty()) genre_set.insert(pair.genre);
  const std::vector<std::string> genres(genre_set.begin(), genre_set.end());
  std::vector<int64_t> truth, predicted;
  std::vector<int64_t> with_genre;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (!pairs[i].genre.empty()) {
      with_genre.push_back(static_cast<int64_t>(i));
      truth.push_back(std::find(genres.begin(), genres.end(), pairs[i].genre) - genres.begin());
    }
  if (genres.size() >= 2 && !with_genre.empty()) {
    const auto probabilities = clamp::zero_shot_probabilities(
        *use.model, use.tokenizer(), music_rows.index_select(0, torch::tensor(with_genre)), genres,
        options.text_template);
    const auto best = probabilities.argmax(1);
    for (int64_t i = 0; i < best.size(0); ++i) predicted.push_back(best[i].item<int64_t>());
    const auto metrics =
        clamp::classification_metrics(truth, predicted, static_cast<int64_t>(genres.size()));
    std::map<int64_t, int64_t> counts;
    for (const auto label : truth) ++counts[label];
    int64_t majority = 0;
    for (const auto& entry : counts) majority = std::max(majority, entry.second);
    report["genre"] = {
        {"labels", genres},
        {"template", options.text_template},
        {"pieces", static_cast<int64_t>(truth.size())},
        {"accuracy", metrics.accuracy},
        {"macro_f1", metrics.macro_f1},
        {"chance_accuracy", 1.0 / static_cast<double>(genres.size())},
        {"majority_accuracy", static_cast<double>(majority) / static_cast<double>(truth.size())}};
  }
  if (options.json) {
    std::cout << report.dump() << "\n";
    return;
  }
  std::cout
      << "CLaMP on " << options.data << ", " << options.split << " split (" << pieces_count
      << " pieces)\n\n| retrieval | MRR | Hit@1 | Hit@10 | Hit@100 |\n|---|---:|---:|---:|---:|\n";
  print_retrieval_row("text -> music", report["text_to_music"]);
  print_retrieval_row("music -> text", report["music_to_text"]);
  print_retrieval_row("chance", report["retrieval_chance"]);
  if (report.contains("genre")) {
    const auto& g = report["genre"];
    std::cout << "\nzero-shot genre (" << g["labels"].size() << " labels, template \""
              << options.text_template << "\"): accuracy " << std::setprecision(3)
              << g["accuracy"].get<double>() << ", macro-F1 " << g["macro_f1"].get<double>()
              << " (chance " << g["chance_accuracy"].get<double>() << ", majority class "
              << g["majority_accuracy"].get<double>() << ")\n";
  }
}

void add_clamp_eval_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<ClampEvalOptions>();
  auto* command = clamp.add_subcommand(
      "eval", "retrieval (MRR, HitRatio@k) and zero-shot genre accuracy on WikiMT-format data");
  options->model.add_to(*command);
  command->add_option("--data", options->data, "WikiMT-format JSON")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--split", options->split, "train, validation, test or all")
      ->capture_default_str()
      ->check(CLI::IsMember({"train", "validation", "test", "all"}));
  command->add_option("--template", options->text_template, "the prompt of a genre")
      ->capture_default_str();
  command->add_flag("--json", options->json, "print the report as JSON");
  command->callback([&action, options] { action = [options] { run_clamp_eval(*options); }; });
}

}  // namespace mnemo::cli
