#include "mnemo/memorization/causal_lm.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/nn/gpt_neox_checkpoint.h"

namespace mnemo::memorization {

CausalLm::CausalLm(nn::Gpt2LMHeadModel model)
    : gpt2_(std::move(model)),
      model_type_("gpt2"),
      vocab_size_(gpt2_->config().vocab_size),
      max_positions_(gpt2_->config().n_positions) {
  gpt2_->eval();
}

CausalLm::CausalLm(nn::GptNeoxForCausalLM model)
    : gpt_neox_(std::move(model)),
      model_type_("gpt_neox"),
      vocab_size_(gpt_neox_->config().vocab_size),
      max_positions_(gpt_neox_->config().max_position_embeddings) {
  gpt_neox_->eval();
}

CausalLm CausalLm::load(const std::filesystem::path& dir) {
  const auto config = dir / "config.json";
  if (!std::filesystem::exists(config)) throw file_error(config.string(), "missing");
  const auto type = io::json_field(io::read_json_file(config), "model_type", std::string("gpt2"),
                                   config.string());
  if (type == "gpt2") return CausalLm(nn::load_gpt2(dir).model);
  if (type == "gpt_neox") return CausalLm(nn::load_gpt_neox(dir).model);
  throw file_error(config.string(),
                   "model_type '" + type + "' is not a causal LM mnemo reads (gpt2, gpt_neox)");
}

torch::Tensor CausalLm::next_logits(const torch::Tensor& input_ids, nn::KvCache& cache) {
  // Only the last position's logits are needed: the vocabulary projection of the others is
  // skipped.
  if (gpt2_) {
    nn::Gpt2Inputs inputs;
    inputs.input_ids = input_ids;
    inputs.cache = &cache;
    return gpt2_->logits(gpt2_->hidden_states(inputs).select(1, -1));
  }
  return gpt_neox_->logits(gpt_neox_->hidden_states(input_ids, &cache).select(1, -1));
}

torch::Tensor CausalLm::forward(const torch::Tensor& input_ids) {
  if (gpt2_) {
    nn::Gpt2Inputs inputs;
    inputs.input_ids = input_ids;
    return gpt2_->forward(inputs);
  }
  return gpt_neox_->forward(input_ids);
}

int64_t CausalLm::parameters() const {
  int64_t count = 0;
  const auto tensors = gpt2_ ? gpt2_->parameters() : gpt_neox_->parameters();
  for (const auto& tensor : tensors) count += tensor.numel();
  return count;
}

}  // namespace mnemo::memorization
