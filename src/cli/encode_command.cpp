// mnemo encode: last hidden states of a BERT model directory, as JSON.
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::cli {
namespace {

struct EncodeOptions {
  std::string model;
  std::vector<int64_t> ids;
  std::string text;
  std::vector<int64_t> token_type_ids;
};

void run_encode(const EncodeOptions& options) {
  std::vector<int64_t> ids = options.ids;
  if (!options.text.empty())
    ids = text::load_tokenizer(options.model)->encode_with_special_tokens(options.text);
  if (ids.empty()) throw Error("nothing to encode: give --ids or --text");
  if (!options.token_type_ids.empty() && options.token_type_ids.size() != ids.size())
    throw Error("--token-type-ids has " + std::to_string(options.token_type_ids.size()) +
                " values for " + std::to_string(ids.size()) + " tokens");

  auto loaded = nn::load_bert(options.model);
  std::cerr << loaded.report.summary();
  loaded.model->eval();
  c10::InferenceMode inference;
  nn::BertInputs inputs;
  inputs.input_ids = torch::tensor(ids, torch::kLong).unsqueeze(0);
  if (!options.token_type_ids.empty())
    inputs.token_type_ids = torch::tensor(options.token_type_ids, torch::kLong).unsqueeze(0);
  const auto hidden = loaded.model->forward(inputs).last_hidden_state[0].contiguous();  // (T, d)

  nlohmann::json rows = nlohmann::json::array();
  for (int64_t t = 0; t < hidden.size(0); ++t) {
    const float* row = hidden[t].data_ptr<float>();
    rows.push_back(std::vector<float>(row, row + hidden.size(1)));
  }
  std::cout << nlohmann::json{{"input_ids", ids}, {"last_hidden_state", rows}}.dump() << "\n";
}

}  // namespace

void add_encode_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<EncodeOptions>();
  auto* command = app.add_subcommand(
      "encode", "run a BERT model directory and print its last hidden states as JSON");
  command
      ->add_option(
          "--model", options->model,
          "Hugging Face BERT directory (config.json, model.safetensors or pytorch_model.bin)")
      ->required()
      ->check(CLI::ExistingDirectory);
  auto* ids = command->add_option("--ids", options->ids, "token ids, comma-separated: 5,17,3")
                  ->delimiter(',');
  auto* text =
      command->add_option("--text", options->text,
                          "text to tokenize with the model's tokenizer ([CLS] ... [SEP] added)");
  ids->excludes(text);
  command
      ->add_option("--token-type-ids", options->token_type_ids,
                   "token types, comma-separated (default all 0)")
      ->delimiter(',');
  command->callback([&action, options] { action = [options] { run_encode(*options); }; });
}

}  // namespace mnemo::cli
