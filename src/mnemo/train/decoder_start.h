// The decoder RMT a training run (`lm train`, `babilong train`) starts from: a new GPT-2 of a
// named geometry with a tokenizer, or any Hugging Face GPT-2 directory (`init`); memory and
// segment size. Free of torch so that the commands' settings can hold it; decoder_run.h
// builds the model.
#pragma once
#include <cstdint>
#include <string>

namespace mnemo::train {

struct DecoderStart {
  std::string geometry = "small";  // tiny, small or gpt2, for a new model
  std::string tokenizer;           // tokenizer directory; with `init`, replaces the model's
  std::string init;                // a Hugging Face GPT-2 directory to start from
  int64_t memory_size = 16;
  int64_t segment_size = 128;
};

}  // namespace mnemo::train
