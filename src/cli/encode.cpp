// mnemo encode: last hidden states of a BERT model directory, as JSON.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/nn/bert_encoding.h"

namespace mnemo::cli {

void add_encode(CLI::App& app, Action& action) {
  auto settings = std::make_shared<nn::EncodeSettings>();
  auto* command = app.add_subcommand(
      "encode", "run a BERT model directory and print its last hidden states as JSON");
  flags::model(*command, settings->model,
               "Hugging Face BERT directory (config.json, model.safetensors or pytorch_model.bin)");
  auto* ids = command->add_option("--ids", settings->ids, "token ids, comma-separated: 5,17,3")
                  ->delimiter(',');
  auto* text =
      command->add_option("--text", settings->text,
                          "text to tokenize with the model's tokenizer ([CLS] ... [SEP] added)");
  ids->excludes(text);
  command
      ->add_option("--token-type-ids", settings->token_type_ids,
                   "token types, comma-separated (default all 0)")
      ->delimiter(',');
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto encoding = nn::encode_with_bert(*settings, line.progress());
    line.finish();
    std::cout << encoding.to_json().dump() << "\n";
  });
}

}  // namespace mnemo::cli
