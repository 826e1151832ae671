#include "mnemo/clamp/clamp_model.h"

#include <torch/torch.h>

#include "mnemo/clamp/bar_patches.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/module_tree.h"

namespace mnemo::clamp {

MusicEncoderImpl::MusicEncoderImpl(const nn::BertConfig& config) {
  patch_embedding = register_module(
      "patch_embedding", torch::nn::Linear(kPatchLength * kPatchClasses, config.hidden_size));
  enc = register_module("enc", nn::BertModel(config));
}

torch::Tensor MusicEncoderImpl::embed_patches(const torch::Tensor& codes) {
  if (codes.dim() != 3 || codes.size(2) != kPatchLength)
    throw Error("music input must be (B, N, " + std::to_string(kPatchLength) + ") codes, got " +
                nn::shape_text(codes.sizes()));
  if (codes.numel() > 0 &&
      (codes.min().item<int64_t>() < 0 || codes.max().item<int64_t>() >= kPatchClasses))
    throw Error("music codes must lie in [0, " + std::to_string(kPatchClasses) + ")");
  // The Linear over a one-hot patch is the sum of the 64 weight columns its codes pick:
  // one gather per character instead of a (6272 x d) product per patch.
  const auto offsets = torch::arange(kPatchLength, codes.options()) * kPatchClasses;
  const auto columns = (codes + offsets).reshape({-1, kPatchLength});
  const auto summed = torch::nn::functional::embedding_bag(
      columns, patch_embedding->weight.t().contiguous(),
      torch::nn::functional::EmbeddingBagFuncOptions().mode(torch::kSum));
  return summed.view({codes.size(0), codes.size(1), -1}) + patch_embedding->bias;
}

torch::Tensor MusicEncoderImpl::forward(const torch::Tensor& codes, const torch::Tensor& mask) {
  nn::BertInputs inputs;
  inputs.inputs_embeds = embed_patches(codes);
  inputs.attention_mask = mask;
  return enc->forward(inputs).last_hidden_state;
}

ClampModelImpl::ClampModelImpl(const ClampConfig& config) : config_(config) {
  text_enc = register_module("text_enc", nn::BertModel(config.text));
  text_proj = register_module("text_proj",
                              torch::nn::Linear(config.text.hidden_size, config.text.hidden_size));
  music_enc = register_module("music_enc", MusicEncoder(config.music));
  music_proj = register_module(
      "music_proj", torch::nn::Linear(config.music.hidden_size, config.music.hidden_size));
  logit_scale = register_parameter("logit_scale", torch::tensor(kInitialLogitScale));
}

torch::Tensor ClampModelImpl::text_features(const torch::Tensor& ids, const torch::Tensor& mask) {
  nn::BertInputs inputs;
  inputs.input_ids = ids;
  inputs.attention_mask = mask;
  inputs.position_ids = roberta_position_ids(ids, config_.text.pad_token_id);
  const auto rows = text_enc->forward(inputs).last_hidden_state;
  return text_proj(masked_average(rows, mask));
}

torch::Tensor ClampModelImpl::music_features(const torch::Tensor& codes,
                                             const torch::Tensor& mask) {
  return music_proj(masked_average(music_enc(codes, mask), mask));
}

torch::Tensor ClampModelImpl::logits(const torch::Tensor& queries,
                                     const torch::Tensor& keys) const {
  namespace F = torch::nn::functional;
  const auto unit = F::NormalizeFuncOptions().dim(1);
  // As CLIP, the scale is capped at 100 so that training cannot blow it up.
  return torch::mm(F::normalize(queries, unit), F::normalize(keys, unit).t()) *
         logit_scale.clamp_max(std::log(100.0)).exp();
}

torch::Tensor roberta_position_ids(const torch::Tensor& ids, int64_t pad_id) {
  const auto real = ids.ne(pad_id).to(torch::kLong);
  return torch::cumsum(real, 1) * real + pad_id;
}

torch::Tensor masked_average(const torch::Tensor& rows, const torch::Tensor& mask) {
  const auto weights = mask.to(rows.dtype()).unsqueeze(-1);
  return (rows * weights).sum(1) / weights.sum(1);
}

void init_clamp_weights(ClampModelImpl& model) {
  nn::init_bert_weights(*model.text_enc);
  nn::init_bert_weights(*model.music_enc->enc);
  torch::NoGradGuard no_grad;
  for (auto* linear : {&model.text_proj, &model.music_proj, &model.music_enc->patch_embedding}) {
    torch::nn::init::normal_((*linear)->weight, 0.0, model.config().music.initializer_range);
    torch::nn::init::zeros_((*linear)->bias);
  }
  model.logit_scale.fill_(ClampModelImpl::kInitialLogitScale);
}

}  // namespace mnemo::clamp
