// Text generation with a GPT-2: greedy or sampled (temperature, top-k, top-p, as Hugging
// Face's logits warpers, applied in that order), with or without the key/value cache.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <vector>

#include "mnemo/lm/sampling_options.h"
#include "mnemo/nn/gpt2.h"

namespace mnemo::lm {

// A token drawn from (vocab) probabilities summing to 1.
int64_t draw_token(const torch::Tensor& probabilities, std::mt19937_64& random);

// Picks the next token from a logits row; owns the random generator so that a seed gives
// the same text every time.
class TokenSampler {
 public:
  explicit TokenSampler(const SamplingOptions& options);  // checks the options
  int64_t next(const torch::Tensor& logits);              // logits: (vocab)

 private:
  SamplingOptions options_;
  std::mt19937_64 random_;
};

struct GenerationOptions {
  int64_t max_new_tokens = 20;
  SamplingOptions sampling;
  bool use_cache = true;                // without: the whole sequence is re-run for every token
  std::optional<int64_t> eos_token_id;  // generation stops after it
};

// The tokens generated after `prompt` (the eos token included when it ends them). `prefix`,
// when defined, is (1, P, d) rows the model reads before the prompt (a recurrent memory).
// `on_token` sees each token as it comes. Too long a sequence for n_positions is an error
// before anything runs.
std::vector<int64_t> generate(nn::Gpt2LMHeadModelImpl& model, const std::vector<int64_t>& prompt,
                              const GenerationOptions& options,
                              const torch::Tensor& prefix = torch::Tensor(),
                              const std::function<void(int64_t)>& on_token = {});

}  // namespace mnemo::lm
