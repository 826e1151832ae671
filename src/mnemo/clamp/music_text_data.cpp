#include "mnemo/clamp/music_text_data.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::clamp {
namespace {

std::string optional_field(const nlohmann::json& entry, const char* name,
                           const std::string& where) {
  const auto found = entry.find(name);
  if (found == entry.end() || found->is_null()) return "";
  if (!found->is_string()) throw Error(where + ": '" + name + "' is not a string");
  return found->get<std::string>();
}

}  // namespace

std::vector<MusicTextPair> read_music_text_json(const std::filesystem::path& path) {
  const auto json = io::read_json_file(path);
  if (!json.is_array())
    throw file_error(path.string(), "is not a JSON list of {title, artist, genre, music, text}");
  std::vector<MusicTextPair> pairs;
  for (size_t i = 0; i < json.size(); ++i) {
    const std::string where = path.string() + ": entry " + std::to_string(i);
    if (!json[i].is_object()) throw Error(where + " is not an object");
    MusicTextPair pair{
        optional_field(json[i], "title", where), optional_field(json[i], "artist", where),
        optional_field(json[i], "genre", where), optional_field(json[i], "music", where),
        optional_field(json[i], "text", where)};
    if (pair.music.empty()) throw Error(where + " has no music (ABC)");
    if (pair.text.empty() && pair.title.empty())
      throw Error(where + " has neither text nor title to describe it");
    pairs.push_back(std::move(pair));
  }
  if (pairs.empty()) throw file_error(path.string(), "holds no pieces");
  return pairs;
}

void write_music_text_json(const std::filesystem::path& path,
                           const std::vector<MusicTextPair>& pairs) {
  nlohmann::json json = nlohmann::json::array();
  for (const auto& pair : pairs)
    json.push_back({{"title", pair.title},
                    {"artist", pair.artist},
                    {"genre", pair.genre},
                    {"music", pair.music},
                    {"text", pair.text}});
  io::write_file_atomic(path, json.dump(1) + "\n");
}

DataSplit parse_data_split(const std::string& name) {
  if (name == "train") return DataSplit::train;
  if (name == "validation") return DataSplit::validation;
  if (name == "test") return DataSplit::test;
  if (name == "all") return DataSplit::all;
  throw Error("unknown split '" + name + "' (expected train, validation, test or all)");
}

DataSplit split_of(const MusicTextPair& pair) {
  const uint64_t bucket = fnv1a(pair.title + "\n" + pair.artist) % 10;
  return bucket < 8 ? DataSplit::train : bucket == 8 ? DataSplit::validation : DataSplit::test;
}

std::vector<MusicTextPair> select_split(const std::vector<MusicTextPair>& pairs, DataSplit split) {
  std::vector<MusicTextPair> chosen;
  for (const auto& pair : pairs)
    if (split == DataSplit::all || split_of(pair) == split) chosen.push_back(pair);
  return chosen;
}

std::vector<std::string> candidate_texts(const MusicTextPair& pair) {
  std::vector<std::string> candidates;
  auto add = [&](const std::string& text) {
    if (!text.empty() && std::find(candidates.begin(), candidates.end(), text) == candidates.end())
      candidates.push_back(text);
  };
  add(pair.title);
  add(pair.artist);
  add(pair.genre);
  for (const auto& sentence : text::split_sentences(pair.text)) add(sentence);
  return candidates;
}

std::vector<std::string> drop_texts(const std::vector<std::string>& candidates,
                                    tasks::Random& random) {
  std::vector<std::string> kept;
  for (const auto& candidate : candidates)
    if (random.below(2) == 0) kept.push_back(candidate);
  if (kept.empty()) kept = candidates;
  for (size_t i = kept.size(); i > 1; --i) std::swap(kept[i - 1], kept[random.below(i)]);
  return kept;
}

}  // namespace mnemo::clamp
