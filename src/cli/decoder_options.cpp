#include "cli/decoder_options.h"

#include <torch/torch.h>

#include <iostream>

#include "mnemo/core/error.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/train/trainer.h"

namespace mnemo::cli {

void DecoderModelOptions::add_to(CLI::App& command) {
  command.add_option("--config", geometry, "GPT-2 geometry for a new model: tiny, small, gpt2")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "gpt2"}));
  command.add_option("--tokenizer", tokenizer, "tokenizer directory for a new model")
      ->check(CLI::ExistingDirectory);
  command.add_option("--init", init, "start from a Hugging Face GPT-2 directory")
      ->check(CLI::ExistingDirectory);
  command.add_option("--memory", memory_size, "memory tokens")->capture_default_str();
  command.add_option("--segment-size", segment_size, "tokens per segment")->capture_default_str();
}

rmt::DecoderRmtModel DecoderModelOptions::build(const std::string& command,
                                                nlohmann::json task) const {
  nn::Gpt2LMHeadModel lm{nullptr};
  std::shared_ptr<const text::Tokenizer> loaded_tokenizer;
  if (!init.empty()) {
    auto loaded = nn::load_gpt2(init);
    if (!loaded.report.missing.empty()) std::cerr << loaded.report.summary();
    lm = loaded.model;
    loaded_tokenizer = text::load_tokenizer(tokenizer.empty() ? init : tokenizer);
  } else {
    if (tokenizer.empty())
      throw Error(command + ": give --tokenizer DIR for a new --config model, or --init DIR");
    loaded_tokenizer = text::load_tokenizer(tokenizer);
    auto config = nn::gpt2_geometry(geometry, loaded_tokenizer->vocab_size());
    config.bos_token_id = config.eos_token_id = text::end_of_text_id(*loaded_tokenizer);
    lm = nn::Gpt2LMHeadModel(config);
  }
  return {rmt::MemoryDecoder(lm, memory_size, segment_size), loaded_tokenizer, std::move(task)};
}

nlohmann::json DecoderModelOptions::about() const {
  return {{"init", init.empty() ? nlohmann::json(nullptr)
                                : nlohmann::json(std::filesystem::absolute(init).string())},
          {"geometry", init.empty() ? geometry : "from --init"}};
}

DecoderRun DecoderModelOptions::open_run(const std::string& command,
                                         const std::filesystem::path& run_dir, bool resume,
                                         const train::TrainSettings& settings,
                                         const std::function<nlohmann::json()>& inputs) const {
  if (resume) {
    auto [saved_settings, saved_about] = train::Trainer::read_run(run_dir);
    return {rmt::load_decoder_rmt(run_dir / "checkpoint"), saved_settings, saved_about};
  }
  settings.validate();
  const nlohmann::json files = inputs();
  nlohmann::json described = about();
  described.update(files);
  torch::manual_seed(settings.seed);
  return {build(command, files), settings, described};
}

}  // namespace mnemo::cli
