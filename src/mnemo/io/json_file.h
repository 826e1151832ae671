// JSON files with errors that name the file and the field.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "mnemo/core/error.h"

namespace mnemo::io {

nlohmann::json read_json_file(const std::filesystem::path& path);

// `object[key]` as T, or `fallback` when the key is absent or null; a value of the wrong
// type is an error naming `source` and the key.
template <typename T>
T json_field(const nlohmann::json& object, const std::string& key, const T& fallback,
             const std::string& source) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return fallback;
  try {
    return found->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw file_error(source, "field '" + key + "' has the wrong type: " + found->dump());
  }
}

}  // namespace mnemo::io
