// Music-text pairs as WikiMT holds them (a JSON list of {title, artist, genre, music, text}),
// the deterministic train / validation / test split, and the text dropout of CLaMP's
// training.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/tasks/random.h"

namespace mnemo::clamp {

struct MusicTextPair {
  std::string title, artist, genre;
  std::string music;  // ABC notation
  std::string text;   // a description
};

// Reads a WikiMT-format JSON list; a missing or non-string music or text field is an error
// naming the file and the entry (title, artist and genre may be absent).
std::vector<MusicTextPair> read_music_text_json(const std::filesystem::path& path);
void write_music_text_json(const std::filesystem::path& path,
                           const std::vector<MusicTextPair>& pairs);

enum class DataSplit { train, validation, test, all };
DataSplit parse_data_split(const std::string& name);  // train, validation, test or all

// 80 / 10 / 10 by a hash (FNV-1a) of title and artist: the same piece always lands in the
// same split, whatever file it comes from, so no test piece is ever trained on.
DataSplit split_of(const MusicTextPair& pair);
std::vector<MusicTextPair> select_split(const std::vector<MusicTextPair>& pairs, DataSplit split);

// What a piece can be described by: title, artist, genre and each sentence of its text,
// deduplicated, in that order.
std::vector<std::string> candidate_texts(const MusicTextPair& pair);

// Text dropout: each candidate kept with probability 0.5 (all of them if none survives), in
// shuffled order.
std::vector<std::string> drop_texts(const std::vector<std::string>& candidates,
                                    tasks::Random& random);

}  // namespace mnemo::clamp
