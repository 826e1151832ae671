#include "mnemo/nn/bert_encoding.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::nn {

nlohmann::json Encoding::to_json() const {
  return {{"input_ids", input_ids}, {"last_hidden_state", last_hidden_state}};
}

Encoding encode_with_bert(const EncodeSettings& settings, const Progress& progress) {
  Encoding encoding;
  encoding.input_ids = settings.ids;
  if (!settings.text.empty())
    encoding.input_ids =
        text::load_tokenizer(settings.model)->encode_with_special_tokens(settings.text);
  const auto& ids = encoding.input_ids;
  if (ids.empty()) throw Error("nothing to encode: give --ids or --text");
  if (!settings.token_type_ids.empty() && settings.token_type_ids.size() != ids.size())
    throw Error("--token-type-ids has " + std::to_string(settings.token_type_ids.size()) +
                " values for " + std::to_string(ids.size()) + " tokens");

  auto loaded = load_bert(settings.model);
  loaded.report.note(progress);
  loaded.model->eval();
  c10::InferenceMode inference;
  BertInputs inputs;
  inputs.input_ids = torch::tensor(ids, torch::kLong).unsqueeze(0);
  if (!settings.token_type_ids.empty())
    inputs.token_type_ids = torch::tensor(settings.token_type_ids, torch::kLong).unsqueeze(0);
  const auto hidden = loaded.model->forward(inputs).last_hidden_state[0].contiguous();  // (T, d)
  for (int64_t t = 0; t < hidden.size(0); ++t) {
    const float* row = hidden[t].data_ptr<float>();
    encoding.last_hidden_state.emplace_back(row, row + hidden.size(1));
  }
  return encoding;
}

}  // namespace mnemo::nn
