// The decoder RMT a training command starts from: a new GPT-2 of a named geometry with a
// tokenizer, or any Hugging Face GPT-2 directory (--init); memory and segment size.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "mnemo/rmt/decoder_checkpoint.h"

namespace mnemo::cli {

struct DecoderModelOptions {
  std::string geometry = "small";
  std::string tokenizer;
  std::string init;
  int64_t memory_size = 16;
  int64_t segment_size = 128;

  // --config, --tokenizer, --init, --memory, --segment-size.
  void add_to(CLI::App& command);
  // The new model; `command` names the command in errors, `task` is kept in rmt.json.
  rmt::DecoderRmtModel build(const std::string& command, nlohmann::json task) const;
  // Where the model came from, for run.json.
  nlohmann::json about() const;
};

}  // namespace mnemo::cli
