#include "mnemo/rmt/rmt_checkpoint.h"

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::rmt {
namespace {

int64_t special_id(const std::optional<int64_t>& id, const char* name) {
  if (!id) throw Error(std::string("RMT: the tokenizer has no ") + name + " token");
  return *id;
}

std::optional<std::string> keep_name(const std::string& key) {
  if (key.size() >= 12 && key.compare(key.size() - 12, 12, "position_ids") == 0)
    return std::nullopt;
  return key;
}

}  // namespace

RmtModel new_rmt(nn::BertModel backbone, std::shared_ptr<const text::Tokenizer> tokenizer,
                 int64_t memory_size, int64_t segment_size, std::vector<std::string> labels,
                 nlohmann::json task) {
  if (tokenizer->vocab_size() > backbone->config().vocab_size)
    throw Error("RMT: the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                " tokens, more than the backbone's " +
                std::to_string(backbone->config().vocab_size) + " embedding rows");
  RmtConfig config;
  config.memory_size = memory_size;
  config.segment_size = segment_size;
  config.memory_token_id = backbone->config().vocab_size;
  const auto& special = tokenizer->special_tokens();
  config.cls_id = special_id(special.cls, "[CLS]");
  config.sep_id = special_id(special.sep, "[SEP]");
  config.pad_id = special_id(special.pad, "[PAD]");
  config.labels = std::move(labels);
  config.task = std::move(task);
  config.validate("RMT settings");
  backbone->resize_token_embeddings(config.memory_token_id + memory_size);
  return {MemoryEncoder(backbone, config), std::move(tokenizer)};
}

void save_rmt(const io::AtomicDirectory& dir, const RmtModel& rmt) {
  const auto& config = rmt.model->config();
  auto bert_config = rmt.model->bert->config().to_json();
  bert_config["architectures"] = {"BertForSequenceClassification"};
  for (size_t i = 0; i < config.labels.size(); ++i) {
    bert_config["id2label"][std::to_string(i)] = config.labels[i];
    bert_config["label2id"][config.labels[i]] = i;
  }
  dir.write_file("config.json", bert_config.dump(2) + "\n");
  dir.write_file("rmt.json", config.to_json().dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", nn::state_dict(*rmt.model),
                       {{"format", "pt"}});
  rmt.tokenizer->save(dir.staging());
}

void load_rmt_weights(const std::filesystem::path& dir, const RmtModel& rmt) {
  const auto path = dir / "model.safetensors";
  const io::SafetensorsFile weights(path);
  const auto report = nn::load_state_dict(*rmt.model.ptr(), weights, keep_name);
  if (!report.missing.empty() || !report.unexpected.empty())
    throw file_error(path.string(), "does not match this RMT: " + report.summary());
}

RmtModel load_rmt(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "rmt.json"))
    throw file_error(dir.string(), "not an RMT model directory (no rmt.json)");
  const auto rmt_path = (dir / "rmt.json").string();
  const auto config = RmtConfig::from_json(io::read_json_file(rmt_path), rmt_path);
  const auto bert_path = (dir / "config.json").string();
  const auto bert_config = nn::BertConfig::from_json(io::read_json_file(bert_path), bert_path);
  RmtModel rmt{MemoryEncoder(nn::BertModel(bert_config), config),
               std::shared_ptr<const text::Tokenizer>(text::load_tokenizer(dir))};
  load_rmt_weights(dir, rmt);
  return rmt;
}

}  // namespace mnemo::rmt
