#include "mnemo/rmt/rmt_config.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"

namespace mnemo::rmt {

nlohmann::json RmtConfig::to_json() const {
  return {{"architecture", "encoder"},
          {"memory_size", memory_size},
          {"segment_size", segment_size},
          {"memory_token_id", memory_token_id},
          {"cls_token_id", cls_id},
          {"sep_token_id", sep_id},
          {"pad_token_id", pad_id},
          {"labels", labels},
          {"task", task}};
}

RmtConfig RmtConfig::from_json(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object()) throw file_error(source, "expected a JSON object");
  const auto architecture = io::json_field<std::string>(json, "architecture", "encoder", source);
  if (architecture != "encoder")
    throw file_error(source,
                     "is a " + architecture + " RMT; this command needs an encoder RMT (BERT)");
  const auto required = [&](const char* key) {
    if (!json.contains(key)) throw file_error(source, std::string("missing field '") + key + "'");
    return io::json_field<int64_t>(json, key, 0, source);
  };
  RmtConfig config;
  config.memory_size = required("memory_size");
  config.segment_size = required("segment_size");
  config.memory_token_id = required("memory_token_id");
  config.cls_id = required("cls_token_id");
  config.sep_id = required("sep_token_id");
  config.pad_id = required("pad_token_id");
  config.labels = io::json_field<std::vector<std::string>>(json, "labels", {}, source);
  config.task = json.value("task", nlohmann::json::object());
  config.validate(source);
  return config;
}

void RmtConfig::validate(const std::string& source) const {
  if (memory_size < 0) throw file_error(source, "memory_size must be >= 0");
  if (usable() < 1)
    throw file_error(source, "segment_size " + std::to_string(segment_size) +
                                 " leaves no room for tokens beside " +
                                 std::to_string(memory_size) +
                                 " memory tokens and 3 special tokens");
  if (labels.size() < 2) throw file_error(source, "needs at least two labels");
}

std::filesystem::path model_directory(const std::string& name) {
  const std::filesystem::path path = name;
  return std::filesystem::exists(path / "rmt.json") ||
                 !std::filesystem::exists(path / "model" / "rmt.json")
             ? path
             : path / "model";
}

}  // namespace mnemo::rmt
