// The decoder RMT a training command starts from: a new GPT-2 of a named geometry with a
// tokenizer, or any Hugging Face GPT-2 directory (--init); memory and segment size.
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::cli {

// What a decoder RMT training run starts with.
struct DecoderRun {
  rmt::DecoderRmtModel model;
  train::TrainSettings settings;
  nlohmann::json about;  // for run.json
};

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
  // The run in `run_dir`: read back from it with `resume`; else a new model, seeded by
  // `settings`, described by about() and by `inputs()` (the files the run reads, which
  // rmt.json's task keeps too). Called only for a new run, `inputs` may refuse bad options.
  DecoderRun open_run(const std::string& command, const std::filesystem::path& run_dir, bool resume,
                      const train::TrainSettings& settings,
                      const std::function<nlohmann::json()>& inputs) const;
};

}  // namespace mnemo::cli
