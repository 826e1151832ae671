// config.json and rmt.json readers on arbitrary bytes.
#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "mnemo/nn/bert_config.h"
#include "mnemo/nn/gpt2_config.h"
#include "mnemo/nn/gpt_neox_config.h"
#include "mnemo/rmt/rmt_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  const auto json = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (json.is_discarded()) return 0;
  fuzz::refuse_only_with_errors([&] { nn::BertConfig::from_json(json, "config.json"); });
  fuzz::refuse_only_with_errors([&] { nn::Gpt2Config::from_json(json, "config.json"); });
  fuzz::refuse_only_with_errors([&] { nn::GptNeoxConfig::from_json(json, "config.json"); });
  fuzz::refuse_only_with_errors([&] { rmt::RmtConfig::from_json(json, "rmt.json"); });
  return 0;
}
