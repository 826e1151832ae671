#include "mnemo/rmt/warm_start.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/rmt/rmt_checkpoint.h"

namespace mnemo::rmt {
namespace {

namespace fs = std::filesystem;

int64_t geometry_segment_size(const std::string& geometry) {
  return geometry == "tiny" ? 64 : geometry == "small" ? 128 : 512;
}

// From an RMT model directory, e.g. an earlier step of a curriculum: its memory rows and
// answer head go on with the backbone when the memory size and answers are the same.
RmtModel build_from_rmt(const ModelStart& start, const std::vector<std::string>& labels,
                        const nlohmann::json& task, const Progress& progress) {
  auto previous = load_rmt(start.init);
  auto config = previous.model->config();
  auto tokenizer =
      start.tokenizer.empty() ? previous.tokenizer : text::load_tokenizer(start.tokenizer);
  const int64_t segment_size = start.segment_size ? start.segment_size : config.segment_size;
  const auto rows = head_rows(config.labels, labels);
  if (config.memory_size == start.memory_size && rows) {
    config.segment_size = segment_size;
    config.labels = labels;
    config.task = task;
    config.validate("rmt train --init " + start.init);
    RmtModel model{MemoryEncoder(nn::BertModel(previous.model->bert->config()), config), tokenizer};
    load_rmt_weights(start.init, model);
    torch::NoGradGuard no_grad;
    // Each answer keeps its own head row, wherever it now stands in the label order.
    const auto order = torch::tensor(*rows);
    auto& head = model.model->classifier;
    head->weight.copy_(head->weight.index_select(0, order));
    head->bias.copy_(head->bias.index_select(0, order));
    progress.note("starting from " + start.init + ": backbone, memory rows and answer head");
    return model;
  }
  progress.note("starting from the backbone of " + start.init + " (new memory rows and head: " +
                (rows ? "another memory size" : "other answers") + ")");
  auto backbone = previous.model->bert;
  backbone->resize_token_embeddings(config.memory_token_id);  // without the old memory rows
  return new_rmt(backbone, tokenizer, start.memory_size, segment_size, labels, task);
}

// Weights of a BERT directory that did not fit the backbone, line by line. A pre-training
// head (cls.*) is expected to be left behind; anything else is worth a word.
void note_load_report(const nn::LoadReport& loaded, const Progress& progress) {
  std::vector<std::string> unexpected;
  for (const auto& key : loaded.unexpected)
    if (key.rfind("cls.", 0) != 0) unexpected.push_back(key);
  if (loaded.missing.empty() && unexpected.empty()) return;
  std::istringstream summary(nn::LoadReport{loaded.missing, unexpected}.summary());
  for (std::string line; std::getline(summary, line);) progress.note(line);
}

}  // namespace

std::optional<std::vector<int64_t>> head_rows(const std::vector<std::string>& previous,
                                              const std::vector<std::string>& labels) {
  if (previous.size() != labels.size()) return std::nullopt;
  std::vector<int64_t> rows;
  for (const auto& label : labels) {
    const auto found = std::find(previous.begin(), previous.end(), label);
    if (found == previous.end()) return std::nullopt;
    rows.push_back(found - previous.begin());
  }
  return rows;
}

RmtModel build_model(const ModelStart& start, const std::vector<std::string>& labels,
                     const nlohmann::json& task, const Progress& progress) {
  if (!start.init.empty() && fs::exists(fs::path(start.init) / "rmt.json"))
    return build_from_rmt(start, labels, task, progress);
  nn::BertModel backbone{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  int64_t segment_size = start.segment_size;
  if (!start.init.empty()) {
    auto loaded = nn::load_bert(start.init);
    note_load_report(loaded.report, progress);
    backbone = loaded.model;
    tokenizer = text::load_tokenizer(start.tokenizer.empty() ? start.init : start.tokenizer);
    if (segment_size == 0)
      segment_size = std::min<int64_t>(512, backbone->config().max_position_embeddings);
  } else {
    if (start.tokenizer.empty())
      throw Error("rmt train: give --tokenizer DIR for a new --config backbone, or --init DIR");
    tokenizer = text::load_tokenizer(start.tokenizer);
    backbone = nn::BertModel(nn::bert_geometry(start.geometry, tokenizer->vocab_size()));
    if (segment_size == 0) segment_size = geometry_segment_size(start.geometry);
  }
  return new_rmt(backbone, tokenizer, start.memory_size, segment_size, labels, task);
}

}  // namespace mnemo::rmt
