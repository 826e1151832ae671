#include "mnemo/clamp/search_keys.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/safetensors.h"

namespace mnemo::clamp {
namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& path, const std::string& extension) {
  std::string found = path.extension().string();
  std::transform(found.begin(), found.end(), found.begin(), ::tolower);
  return found == extension;
}

std::string hex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace

Modality parse_modality(const std::string& name) {
  if (name == "text") return Modality::text;
  if (name == "music") return Modality::music;
  throw Error("unknown modality '" + name + "' (expected text or music)");
}

SearchKeys read_search_keys(const fs::path& path, Modality modality) {
  SearchKeys keys;
  if (fs::is_directory(path)) {
    if (modality != Modality::music)
      throw file_error(path.string(), "is a folder: text keys come from a .txt or .json file");
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_regular_file() &&
          (has_extension(entry.path(), ".abc") || has_extension(entry.path(), ".mid") ||
           has_extension(entry.path(), ".midi")))
        keys.files.push_back(entry.path());
    std::sort(keys.files.begin(), keys.files.end());
    for (const auto& file : keys.files) {
      keys.names.push_back(fs::relative(file, path).string());
      keys.contents.push_back(read_music_file(file));
    }
  } else if (has_extension(path, ".json")) {
    for (const auto& pair : read_music_text_json(path)) {
      const bool music = modality == Modality::music;
      // A piece shows as its title; a text as itself.
      keys.names.push_back(!music                ? pair.text
                           : pair.artist.empty() ? pair.title
                                                 : pair.title + " (" + pair.artist + ")");
      keys.contents.push_back(music ? pair.music : pair.text);
    }
    keys.files.push_back(path);
  } else if (has_extension(path, ".txt")) {
    if (modality != Modality::text)
      throw file_error(path.string(),
                       "is a .txt file: music keys come from a folder of .abc "
                       "files or a .json file");
    std::ifstream in(path);
    if (!in) throw file_error(path.string(), "cannot be read");
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) {
        keys.names.push_back(line);
        keys.contents.push_back(line);
      }
    keys.files.push_back(path);
  } else {
    throw file_error(path.string(), "is neither a folder, a .json nor a .txt file");
  }
  if (keys.contents.empty()) throw file_error(path.string(), "holds no keys");
  return keys;
}

std::string fingerprint(const std::vector<fs::path>& files, const std::string& extra) {
  uint64_t hash = fnv1a(extra);
  for (const auto& file : files) {
    const auto modified = fs::last_write_time(file).time_since_epoch().count();
    hash = fnv1a(fs::absolute(file).string() + "\n" + std::to_string(fs::file_size(file)) + "\n" +
                     std::to_string(modified) + "\n",
                 hash);
  }
  return hex(hash);
}

std::optional<torch::Tensor> read_cached_embeddings(const fs::path& path,
                                                    const std::string& expected) {
  if (!fs::exists(path)) return std::nullopt;
  try {
    const io::SafetensorsFile file(path);
    const auto found = file.metadata().find("fingerprint");
    if (found == file.metadata().end() || found->second != expected || !file.contains("embeddings"))
      return std::nullopt;
    return file.tensor_f32("embeddings");
  } catch (const Error&) {
    return std::nullopt;  // a damaged cache is rebuilt, not trusted
  }
}

void write_cached_embeddings(const fs::path& path, const torch::Tensor& embeddings,
                             const std::string& fingerprint) {
  fs::create_directories(path.parent_path());
  io::save_safetensors(path, {{"embeddings", embeddings.contiguous()}},
                       {{"fingerprint", fingerprint}});
}

fs::path default_key_cache(const fs::path& keys, Modality modality) {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  const fs::path root = xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : ".") / ".cache";
  const std::string key = fs::absolute(keys).string() + (modality == Modality::music ? "#m" : "#t");
  return root / "mnemo" / ("clamp-keys-" + hex(fnv1a(key)) + ".safetensors");
}

}  // namespace mnemo::clamp
