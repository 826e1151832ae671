// The keys of a semantic search: pieces (ABC or MIDI files in a folder, or the music of a
// WikiMT-format JSON) or texts (the lines of a .txt file, or the texts of a JSON), and a
// cache of their embeddings that is reused only while the model and every key file are
// unchanged.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mnemo::clamp {

enum class Modality { text, music };
Modality parse_modality(const std::string& name);  // "text" or "music"

struct SearchKeys {
  std::vector<std::string> names;            // what a result shows: a file path or a title
  std::vector<std::string> contents;         // ABC or text
  std::vector<std::filesystem::path> files;  // what the keys were read from
};

// A folder (every .abc, .mid and .midi file below it, sorted; music only), a .json (WikiMT format)
// or a .txt (one text per non-empty line; text only). An empty result is an error naming `path`.
SearchKeys read_search_keys(const std::filesystem::path& path, Modality modality);

// A digest of files' paths, sizes and modification times, plus `extra` text.
std::string fingerprint(const std::vector<std::filesystem::path>& files, const std::string& extra);

// The cached embeddings at `path` if their fingerprint is `expected`, else nothing.
std::optional<torch::Tensor> read_cached_embeddings(const std::filesystem::path& path,
                                                    const std::string& expected);
// Writes them (atomically) with their fingerprint.
void write_cached_embeddings(const std::filesystem::path& path, const torch::Tensor& embeddings,
                             const std::string& fingerprint);

// $XDG_CACHE_HOME/mnemo (or ~/.cache/mnemo) / clamp-keys-<digest of the keys' path and
// modality>.safetensors
std::filesystem::path default_key_cache(const std::filesystem::path& keys, Modality modality);

}  // namespace mnemo::clamp
