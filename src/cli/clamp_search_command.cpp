// mnemo clamp search: semantic search, a text or a piece against keys of either modality,
// ranked by cosine similarity (and the official softmax of e x similarity over the keys).
// mnemo clamp classify: zero-shot classification of pieces into labels given as text.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/clamp_actions.h"
#include "cli/command.h"
#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/embedding.h"
#include "mnemo/clamp/search_keys.h"
#include "mnemo/clamp/zero_shot.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

torch::Tensor embed_contents(ClampForUse& use, const std::vector<std::string>& contents,
                             const std::vector<std::string>& names, clamp::Modality modality) {
  if (modality == clamp::Modality::text)
    return clamp::embed_texts(*use.model, use.tokenizer(), contents);
  std::vector<std::vector<clamp::Patch>> pieces;
  for (size_t i = 0; i < contents.size(); ++i)
    pieces.push_back(clamp::abc_to_patches(contents[i], use.patching(), names[i]));
  return clamp::embed_patches(*use.model, pieces);
}

// The keys' embeddings from the cache while the model and the key files are unchanged.
torch::Tensor key_embeddings(ClampForUse& use, const clamp::SearchKeys& keys,
                             clamp::Modality modality, const fs::path& cache) {
  const fs::path model_dir = use.model_dir;
  std::vector<fs::path> inputs = keys.files;
  for (const auto& file : {nn::find_weights_file(model_dir), model_dir / "config.json"})
    inputs.push_back(file);
  if (!use.tokenizer_dir.empty()) inputs.push_back(fs::path(use.tokenizer_dir) / "vocab.json");
  std::string names;
  for (const auto& name : keys.names) names += name + "\n";
  const std::string print =
      clamp::fingerprint(inputs, names + (modality == clamp::Modality::music ? "music" : "text"));
  if (auto cached = clamp::read_cached_embeddings(cache, print)) {
    if (cached->size(0) == static_cast<int64_t>(keys.names.size())) {
      std::cerr << "key embeddings from the cache " << cache.string() << "\n";
      return *cached;
    }
  }
  std::cerr << "embedding " << keys.names.size() << " keys (cached in " << cache.string() << ")\n";
  const auto embeddings = embed_contents(use, keys.contents, keys.names, modality);
  clamp::write_cached_embeddings(cache, embeddings, print);
  return embeddings;
}

std::vector<std::string> split_labels(const std::string& text) {
  std::vector<std::string> labels;
  std::stringstream stream(text);
  for (std::string label; std::getline(stream, label, ',');) {
    const size_t first = label.find_first_not_of(' ');
    const size_t last = label.find_last_not_of(' ');
    if (first != std::string::npos) labels.push_back(label.substr(first, last - first + 1));
  }
  if (labels.empty()) throw Error("--labels: no labels");
  return labels;
}

}  // namespace

nlohmann::json run_clamp_search(const ClampSearchOptions& options) {
  if (options.query_text.empty() == options.query_music.empty())
    throw Error("clamp search: give exactly one of --query-text and --query-music");
  const auto modality = clamp::parse_modality(options.key_modal);
  auto use = options.model.load();
  const auto keys = clamp::read_search_keys(options.keys, modality);
  const fs::path cache = options.cache.empty() ? clamp::default_key_cache(options.keys, modality)
                                               : fs::path(options.cache);
  const auto key_rows = key_embeddings(use, keys, modality, cache);
  const auto query =
      options.query_text.empty()
          ? embed_contents(use, {clamp::read_music_file(options.query_music)},
                           {options.query_music}, clamp::Modality::music)
          : embed_contents(use, {options.query_text}, {"query"}, clamp::Modality::text);

  torch::NoGradGuard no_grad;
  namespace F = torch::nn::functional;
  const auto similarity =
      torch::mm(F::normalize(query, F::NormalizeFuncOptions().dim(1)),
                F::normalize(key_rows, F::NormalizeFuncOptions().dim(1)).t())[0];
  // The official search's probabilities: softmax over the keys of e^t x similarity, t = 1.
  const auto probability =
      (similarity * std::exp(clamp::ClampModelImpl::kOfficialLogitScale)).softmax(0);
  const auto order = similarity.argsort(0, true);
  const int64_t shown =
      options.top_n > 0 ? std::min<int64_t>(options.top_n, order.size(0)) : order.size(0);
  nlohmann::json results = nlohmann::json::array();
  for (int64_t rank = 0; rank < shown; ++rank) {
    const int64_t key = order[rank].item<int64_t>();
    results.push_back({{"rank", rank + 1},
                       {"name", keys.names[static_cast<size_t>(key)]},
                       {"similarity", similarity[key].item<double>()},
                       {"probability", probability[key].item<double>()}});
  }
  if (options.json) {
    std::cout << nlohmann::json{{"results", results}}.dump() << "\n";
    return results;
  }
  std::cout << "| rank | similarity | probability | " << options.key_modal
            << " |\n|---:|---:|---:|---|\n";
  for (const auto& row : results)
    std::cout << "| " << row["rank"] << " | " << std::fixed << std::setprecision(4)
              << row["similarity"].get<double>() << " | " << std::setprecision(2)
              << 100 * row["probability"].get<double>() << "% | " << row["name"].get<std::string>()
              << " |\n";
  return results;
}

void run_clamp_classify(const ClampClassifyOptions& options) {
  const auto labels = split_labels(options.labels);
  auto use = options.model.load();
  std::vector<std::string> contents;
  for (const auto& file : options.music) contents.push_back(clamp::read_music_file(file));
  const auto music = embed_contents(use, contents, options.music, clamp::Modality::music);
  const auto probabilities = clamp::zero_shot_probabilities(*use.model, use.tokenizer(), music,
                                                            labels, options.text_template);
  nlohmann::json results = nlohmann::json::array();
  for (size_t i = 0; i < options.music.size(); ++i) {
    const auto row = probabilities[static_cast<int64_t>(i)];
    nlohmann::json per_label = nlohmann::json::object();
    for (size_t j = 0; j < labels.size(); ++j)
      per_label[labels[j]] = row[static_cast<int64_t>(j)].item<double>();
    results.push_back({{"file", options.music[i]},
                       {"label", labels[static_cast<size_t>(row.argmax().item<int64_t>())]},
                       {"probabilities", per_label}});
  }
  if (options.json) {
    std::cout << nlohmann::json{{"template", options.text_template}, {"results", results}}.dump()
              << "\n";
    return;
  }
  std::cout << "| file | label |";
  for (const auto& label : labels) std::cout << " " << label << " |";
  std::cout << "\n|---|---|";
  for (size_t i = 0; i < labels.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (const auto& result : results) {
    std::cout << "| " << result["file"].get<std::string>() << " | "
              << result["label"].get<std::string>() << " |";
    for (const auto& label : labels)
      std::cout << " " << std::fixed << std::setprecision(1)
                << 100 * result["probabilities"][label].get<double>() << "% |";
    std::cout << "\n";
  }
}

void add_clamp_search_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<ClampSearchOptions>();
  auto* command = clamp.add_subcommand("search", "semantic search: a text or a piece against keys");
  options->model.add_to(*command);
  command->add_option("--query-text", options->query_text, "the query as text");
  command->add_option("--query-music", options->query_music, "the query as an ABC or MIDI file")
      ->check(CLI::ExistingFile);
  command
      ->add_option(
          "--keys", options->keys,
          "a folder of .abc/.mid files, a WikiMT-format .json, or a .txt of texts (one a line)")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("--key-modal", options->key_modal, "music or text")
      ->capture_default_str()
      ->check(CLI::IsMember({"music", "text"}));
  command->add_option("--cache", options->cache,
                      "key embeddings cache file (default under ~/.cache/mnemo)");
  command->add_option("--top-n", options->top_n, "results shown (0 = all)")->capture_default_str();
  command->add_flag("--json", options->json, "print {\"results\": [...]}");
  command->callback([&action, options] { action = [options] { run_clamp_search(*options); }; });
}

void add_clamp_classify_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<ClampClassifyOptions>();
  auto* command =
      clamp.add_subcommand("classify", "zero-shot classification of pieces into text labels");
  options->model.add_to(*command);
  command->add_option("--music", options->music, "ABC or MIDI files")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--labels", options->labels, "comma-separated labels, e.g. \"Jazz,Pop\"")
      ->required();
  command->add_option("--template", options->text_template, "the prompt of a label")
      ->capture_default_str();
  command->add_flag("--json", options->json, "print {\"results\": [...]}");
  command->callback([&action, options] { action = [options] { run_clamp_classify(*options); }; });
}

}  // namespace mnemo::cli
