#include "mnemo/train/decoder_run.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/train/trainer.h"

namespace mnemo::train {
namespace {

// The new model; `task` is kept in rmt.json.
rmt::DecoderRmtModel new_decoder_rmt(const std::string& command, const DecoderStart& start,
                                     nlohmann::json task, const Progress& progress) {
  nn::Gpt2LMHeadModel lm{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  if (!start.init.empty()) {
    auto loaded = nn::load_gpt2(start.init);
    if (!loaded.report.missing.empty()) loaded.report.note(progress);
    lm = loaded.model;
    tokenizer = text::load_tokenizer(start.tokenizer.empty() ? start.init : start.tokenizer);
  } else {
    if (start.tokenizer.empty())
      throw Error(command + ": give --tokenizer DIR for a new --config model, or --init DIR");
    tokenizer = text::load_tokenizer(start.tokenizer);
    auto config = nn::gpt2_geometry(start.geometry, tokenizer->vocab_size());
    config.bos_token_id = config.eos_token_id = text::end_of_text_id(*tokenizer);
    lm = nn::Gpt2LMHeadModel(config);
  }
  return {rmt::MemoryDecoder(lm, start.memory_size, start.segment_size), tokenizer,
          std::move(task)};
}

// Where the model came from, for run.json.
nlohmann::json describe_start(const DecoderStart& start) {
  return {
      {"init", start.init.empty() ? nlohmann::json(nullptr)
                                  : nlohmann::json(std::filesystem::absolute(start.init).string())},
      {"geometry", start.init.empty() ? start.geometry : "from --init"}};
}

}  // namespace

DecoderRun open_decoder_run(const std::string& command, const DecoderStart& start,
                            const std::filesystem::path& run_dir, bool resume,
                            const TrainSettings& settings,
                            const std::function<nlohmann::json()>& inputs,
                            const Progress& progress) {
  if (resume) {
    auto [saved_settings, saved_about] = Trainer::read_run(run_dir);
    return {rmt::load_decoder_rmt(run_dir / "checkpoint"), saved_settings, saved_about};
  }
  Trainer::check_new_run(run_dir);
  settings.validate();
  const nlohmann::json files = inputs();
  nlohmann::json about = describe_start(start);
  about.update(files);
  torch::manual_seed(settings.seed);
  return {new_decoder_rmt(command, start, files, progress), settings, about};
}

}  // namespace mnemo::train
