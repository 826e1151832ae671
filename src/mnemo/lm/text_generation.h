// `mnemo generate`: a prompt continued by a GPT-2 model directory (Hugging Face layout,
// tokenizer inside), greedy or sampled, the text handed over as it comes.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/lm/sampling_options.h"

namespace mnemo::lm {

struct TextGenerationSettings {
  std::string model;  // GPT-2 model directory with its tokenizer
  std::string prompt;
  int64_t max_new_tokens = 20;
  SamplingOptions sampling;
  bool use_cache = true;  // false re-runs the whole sequence for every token (for checking)
};

struct GeneratedText {
  std::string prompt;
  std::string completion;  // without the end-of-text token
  int64_t prompt_tokens = 0;
  std::vector<int64_t> tokens;  // generated, without the end-of-text token
  bool ended_with_eos = false;
  double seconds = 0;  // generation time

  double tokens_per_second() const { return static_cast<double>(tokens.size()) / seconds; }
  // {"prompt", "completion", "prompt_tokens", "tokens", "ended_with_eos", "seconds",
  // "tokens_per_s"}
  nlohmann::json to_json() const;
};

// `on_text`, when given, receives the prompt and then the completion piece by piece as it is
// generated (a piece once it no longer ends in half a character); the pieces add up to
// prompt + completion. Notes weights the model directory is missing.
GeneratedText generate_text(const TextGenerationSettings& settings,
                            const std::function<void(const std::string&)>& on_text = {},
                            const Progress& progress = {});

}  // namespace mnemo::lm
