// JSON files with errors that name the file and the field.
#pragma once
#include <cstdint>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "mnemo/core/error.h"

namespace mnemo::io {

nlohmann::json read_json_file(const std::filesystem::path& path);

// Whether `value` is an integer that T holds. nlohmann converts a float, or an integer out of
// T's range, to an integer type with undefined behaviour (found by tests/fuzz/config_json.cpp).
template <typename T>
bool holds_integer(const nlohmann::json& value) {
  if (value.is_number_unsigned())
    return value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
  if (!value.is_number_integer()) return false;
  const auto number = value.get<int64_t>();
  return number >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
         (number < 0 ||
          static_cast<uint64_t>(number) <= static_cast<uint64_t>(std::numeric_limits<T>::max()));
}

// `object[key]` as T, or `fallback` when the key is absent or null; a value of the wrong
// type, or an integer field's value that is not an integer T holds, is an error naming
// `source` and the key.
template <typename T>
T json_field(const nlohmann::json& object, const std::string& key, const T& fallback,
             const std::string& source) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return fallback;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (!holds_integer<T>(*found))
      throw file_error(source, "field '" + key + "' must be an integer from " +
                                   std::to_string(std::numeric_limits<T>::min()) + " to " +
                                   std::to_string(std::numeric_limits<T>::max()) + ", got " +
                                   found->dump());
  }
  try {
    return found->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw file_error(source, "field '" + key + "' has the wrong type: " + found->dump());
  }
}

}  // namespace mnemo::io
