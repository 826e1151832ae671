#include "mnemo/clamp/pipeline.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/embedding.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/retrieval.h"
#include "mnemo/clamp/search_keys.h"
#include "mnemo/clamp/zero_shot.h"
#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::clamp {
namespace {

namespace fs = std::filesystem;

ClampForUse load_chosen_clamp(const ModelChoice& choice, const Progress& progress) {
  return load_clamp_for_use(choice.model, choice.tokenizer, progress);
}

// contents: texts or ABC; names: what errors call each piece -> (N, d)
torch::Tensor embed_clamp_contents(ClampForUse& use, const std::vector<std::string>& contents,
                                   const std::vector<std::string>& names, Modality modality) {
  if (modality == Modality::text) return embed_texts(*use.model, use.tokenizer(), contents);
  std::vector<std::vector<Patch>> pieces;
  for (size_t i = 0; i < contents.size(); ++i)
    pieces.push_back(abc_to_patches(contents[i], use.patching(), names[i]));
  return embed_patches(*use.model, pieces);
}

// The keys' embeddings (K, d) from the cache while the model and the key files are unchanged.
torch::Tensor cached_key_embeddings(ClampForUse& use, const SearchKeys& keys, Modality modality,
                                    const fs::path& cache, const Progress& progress) {
  std::vector<fs::path> inputs = keys.files;
  for (const auto& file : {nn::find_weights_file(use.model_dir), use.model_dir / "config.json"})
    inputs.push_back(file);
  if (!use.tokenizer_dir.empty()) inputs.push_back(use.tokenizer_dir / "vocab.json");
  std::string names;
  for (const auto& name : keys.names) names += name + "\n";
  const std::string print =
      fingerprint(inputs, names + (modality == Modality::music ? "music" : "text"));
  if (auto cached = read_cached_embeddings(cache, print)) {
    if (cached->size(0) == static_cast<int64_t>(keys.names.size())) {
      progress.note("key embeddings from the cache " + cache.string());
      return *cached;
    }
  }
  progress.note("embedding " + std::to_string(keys.names.size()) + " keys (cached in " +
                cache.string() + ")");
  const auto embeddings = embed_clamp_contents(use, keys.contents, keys.names, modality);
  write_cached_embeddings(cache, embeddings, print);
  return embeddings;
}

}  // namespace

nlohmann::json Embedding::to_json() const { return {{"embedding", values}}; }

std::vector<int64_t> parse_token_ids(const std::string& text) {
  std::vector<int64_t> ids;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto id = parse_integer(item);
    if (!id || *id < 0)
      throw Error("--text-ids: '" + item + "' is not a token id (a whole number >= 0)");
    ids.push_back(*id);
  }
  if (ids.empty()) throw Error("--text-ids: no ids");
  return ids;
}

Embedding embed(const EmbedSettings& settings, const Progress& progress) {
  if (settings.text.empty() + settings.text_ids.empty() + settings.music.empty() != 2)
    throw Error("clamp embed: give exactly one of --text, --text-ids and --music");
  auto use = load_chosen_clamp(settings.model, progress);
  torch::Tensor embedding;  // (1, d)
  if (!settings.music.empty()) {
    const auto patches =
        abc_to_patches(read_music_file(settings.music), use.patching(), settings.music);
    embedding = embed_patches(*use.model, {patches});
  } else {
    std::vector<int64_t> ids;
    if (!settings.text_ids.empty()) {
      ids = parse_token_ids(settings.text_ids);
      const auto vocab = use.model->config().text.vocab_size;
      for (const auto id : ids)
        if (id >= vocab)
          throw Error("--text-ids: " + std::to_string(id) + " is outside the vocabulary of " +
                      std::to_string(vocab));
    } else {
      ids = use.tokenizer().encode(settings.text);
    }
    embedding = embed_token_ids(*use.model, {ids}, use.model->config().text.pad_token_id);
  }
  const auto values = embedding[0].to(torch::kDouble).contiguous();
  return {
      std::vector<double>(values.data_ptr<double>(), values.data_ptr<double>() + values.numel())};
}

nlohmann::json SearchResult::to_json() const {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& hit : hits)
    results.push_back({{"rank", hit.rank},
                       {"name", hit.name},
                       {"similarity", hit.similarity},
                       {"probability", hit.probability}});
  return {{"results", results}};
}

SearchResult search(const SearchSettings& settings, const Progress& progress) {
  if (settings.query_text.empty() == settings.query_music.empty())
    throw Error("clamp search: give exactly one of --query-text and --query-music");
  const auto modality = parse_modality(settings.key_modal);
  auto use = load_chosen_clamp(settings.model, progress);
  const auto keys = read_search_keys(settings.keys, modality);
  const fs::path cache = settings.cache.empty() ? default_key_cache(settings.keys, modality)
                                                : fs::path(settings.cache);
  const auto key_rows = cached_key_embeddings(use, keys, modality, cache, progress);  // (K, d)
  const auto query =                                                                  // (1, d)
      settings.query_text.empty()
          ? embed_clamp_contents(use, {read_music_file(settings.query_music)},
                                 {settings.query_music}, Modality::music)
          : embed_clamp_contents(use, {settings.query_text}, {"query"}, Modality::text);

  torch::NoGradGuard no_grad;
  namespace F = torch::nn::functional;
  const auto similarity =  // (K)
      torch::mm(F::normalize(query, F::NormalizeFuncOptions().dim(1)),
                F::normalize(key_rows, F::NormalizeFuncOptions().dim(1)).t())[0];
  // The official search's probabilities: softmax over the keys of e^t x similarity, t = 1.
  const auto probability = (similarity * std::exp(ClampModelImpl::kOfficialLogitScale)).softmax(0);
  const auto order = similarity.argsort(0, true);
  const int64_t shown =
      settings.top_n > 0 ? std::min<int64_t>(settings.top_n, order.size(0)) : order.size(0);
  SearchResult result;
  for (int64_t rank = 0; rank < shown; ++rank) {
    const int64_t key = order[rank].item<int64_t>();
    result.hits.push_back({rank + 1, keys.names[static_cast<size_t>(key)],
                           similarity[key].item<double>(), probability[key].item<double>()});
  }
  return result;
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

nlohmann::json Classification::to_json() const {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& piece : pieces) {
    nlohmann::json per_label = nlohmann::json::object();
    for (size_t j = 0; j < labels.size(); ++j) per_label[labels[j]] = piece.probabilities[j];
    results.push_back({{"file", piece.file}, {"label", piece.label}, {"probabilities", per_label}});
  }
  return {{"template", text_template}, {"results", results}};
}

Classification classify(const ClassifySettings& settings, const Progress& progress) {
  Classification result;
  result.labels = split_labels(settings.labels);
  result.text_template = settings.text_template;
  auto use = load_chosen_clamp(settings.model, progress);
  std::vector<std::string> contents;
  for (const auto& file : settings.music) contents.push_back(read_music_file(file));
  const auto music = embed_clamp_contents(use, contents, settings.music, Modality::music);
  const auto probabilities =  // (N, L)
      zero_shot_probabilities(*use.model, use.tokenizer(), music, result.labels,
                              settings.text_template)
          .to(torch::kDouble)
          .contiguous();
  for (size_t i = 0; i < settings.music.size(); ++i) {
    const auto row = probabilities[static_cast<int64_t>(i)];
    PieceLabels piece;
    piece.file = settings.music[i];
    piece.label = result.labels[static_cast<size_t>(row.argmax().item<int64_t>())];
    piece.probabilities.assign(row.data_ptr<double>(), row.data_ptr<double>() + row.numel());
    result.pieces.push_back(std::move(piece));
  }
  return result;
}

nlohmann::json EvalReport::to_json() const {
  nlohmann::json report = {{"data", data},
                           {"split", split},
                           {"pieces", pieces},
                           {"text_to_music", text_to_music.to_json()},
                           {"music_to_text", music_to_text.to_json()},
                           {"retrieval_chance", retrieval_chance.to_json()}};
  if (genre)
    report["genre"] = {{"labels", genre->labels},
                       {"template", genre->text_template},
                       {"pieces", genre->pieces},
                       {"accuracy", genre->accuracy},
                       {"macro_f1", genre->macro_f1},
                       {"chance_accuracy", genre->chance_accuracy},
                       {"majority_accuracy", genre->majority_accuracy}};
  return report;
}

EvalReport evaluate(const EvalSettings& settings, const Progress& progress) {
  const auto all = read_music_text_json(settings.data);
  const auto pairs = select_split(all, parse_data_split(settings.split));
  if (pairs.size() < 2)
    throw Error(settings.data + ": the " + settings.split + " split holds fewer than 2 pieces");
  auto use = load_chosen_clamp(settings.model, progress);

  std::vector<std::string> texts;
  std::vector<std::vector<Patch>> pieces;
  std::vector<int64_t> own;
  for (size_t i = 0; i < pairs.size(); ++i) {
    texts.push_back(pairs[i].text.empty() ? pairs[i].title : pairs[i].text);
    pieces.push_back(abc_to_patches(pairs[i].music, use.patching(),
                                    settings.data + " (" + pairs[i].title + ")"));
    own.push_back(static_cast<int64_t>(i));
  }
  progress.note("embedding " + std::to_string(pairs.size()) + " texts and pieces of the " +
                settings.split + " split");
  const auto text_rows = embed_texts(*use.model, use.tokenizer(), texts);  // (N, d)
  const auto music_rows = embed_patches(*use.model, pieces);               // (N, d)
  torch::NoGradGuard no_grad;
  const auto scores = use.model->logits(text_rows, music_rows);  // (N texts, N pieces)
  EvalReport report;
  report.data = settings.data;
  report.split = settings.split;
  report.pieces = static_cast<int64_t>(pairs.size());
  report.text_to_music = retrieval_metrics(scores, own);
  report.music_to_text = retrieval_metrics(scores.t(), own);
  report.retrieval_chance = chance_retrieval_metrics(report.pieces);

  // Genres of the whole file, so that every split is scored over the same labels.
  std::set<std::string> genre_set;
  for (const auto& pair : all)
    if (!pair.genre.empty()) genre_set.insert(pair.genre);
  const std::vector<std::string> genres(genre_set.begin(), genre_set.end());
  std::vector<int64_t> truth, predicted, with_genre;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (!pairs[i].genre.empty()) {
      with_genre.push_back(static_cast<int64_t>(i));
      truth.push_back(std::find(genres.begin(), genres.end(), pairs[i].genre) - genres.begin());
    }
  if (genres.size() < 2 || with_genre.empty()) return report;
  const auto probabilities = zero_shot_probabilities(
      *use.model, use.tokenizer(), music_rows.index_select(0, torch::tensor(with_genre)), genres,
      settings.text_template);
  const auto best = probabilities.argmax(1);
  for (int64_t i = 0; i < best.size(0); ++i) predicted.push_back(best[i].item<int64_t>());
  const auto metrics =
      classification_metrics(truth, predicted, static_cast<int64_t>(genres.size()));
  std::map<int64_t, int64_t> counts;
  for (const auto label : truth) ++counts[label];
  int64_t majority = 0;
  for (const auto& entry : counts) majority = std::max(majority, entry.second);
  GenreScores genre;
  genre.labels = genres;
  genre.text_template = settings.text_template;
  genre.pieces = static_cast<int64_t>(truth.size());
  genre.accuracy = metrics.accuracy;
  genre.macro_f1 = metrics.macro_f1;
  genre.chance_accuracy = 1.0 / static_cast<double>(genres.size());
  genre.majority_accuracy = static_cast<double>(majority) / static_cast<double>(truth.size());
  report.genre = genre;
  return report;
}

}  // namespace mnemo::clamp
