// CLaMP's two encoders in one module, with the official parameter names:
//   text_enc.*   RoBERTa (nn::BertModel with RoBERTa's positions)   text_proj.{weight,bias}
//   music_enc.patch_embedding.{weight,bias}, music_enc.enc.* (BERT)  music_proj.{weight,bias}
//   logit_scale  mnemo's learnable temperature (absent from the official checkpoints)
// Each side: encoder, masked average over its rows, linear projection. Similarity is the
// cosine of two projections, scaled by exp(logit_scale).
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include "mnemo/clamp/clamp_config.h"
#include "mnemo/nn/bert.h"

namespace mnemo::clamp {

// The M3 music encoder: Linear(64 x 98 -> d) over one-hot patches, then BERT on the result.
class MusicEncoderImpl : public torch::nn::Module {
 public:
  explicit MusicEncoderImpl(const nn::BertConfig& config);
  // codes: (B, N, 64) int64 in [0, 98); mask: (B, N) 1 = patch, 0 = padding -> (B, N, d).
  torch::Tensor forward(const torch::Tensor& codes, const torch::Tensor& mask);
  // The patch embeddings alone (B, N, d): the Linear over the one-hot codes.
  torch::Tensor embed_patches(const torch::Tensor& codes);

  torch::nn::Linear patch_embedding{nullptr};
  nn::BertModel enc{nullptr};
};
TORCH_MODULE(MusicEncoder);

class ClampModelImpl : public torch::nn::Module {
 public:
  explicit ClampModelImpl(const ClampConfig& config);

  // ids: (B, T) int64, right-padded with the pad id; mask: (B, T) -> (B, d) projections.
  torch::Tensor text_features(const torch::Tensor& ids, const torch::Tensor& mask);
  // codes: (B, N, 64); mask: (B, N) -> (B, d) projections.
  torch::Tensor music_features(const torch::Tensor& codes, const torch::Tensor& mask);
  // Cosine similarities (Bq, Bk) times exp(logit_scale).
  torch::Tensor logits(const torch::Tensor& queries, const torch::Tensor& keys) const;

  const ClampConfig& config() const { return config_; }

  nn::BertModel text_enc{nullptr};
  torch::nn::Linear text_proj{nullptr};
  MusicEncoder music_enc{nullptr};
  torch::nn::Linear music_proj{nullptr};
  torch::Tensor logit_scale;  // scalar

  // What the official inference uses: a fixed t = 1, i.e. similarities scaled by e.
  static constexpr double kOfficialLogitScale = 1.0;
  // CLIP's start for training: log(1 / 0.07).
  static constexpr double kInitialLogitScale = 2.659260036932778;

 private:
  ClampConfig config_;
};
TORCH_MODULE(ClampModel);

// RoBERTa's position ids: padding_idx + 1 + the count of non-pad tokens so far; pad tokens
// get padding_idx (Hugging Face's create_position_ids_from_input_ids).
torch::Tensor roberta_position_ids(const torch::Tensor& ids, int64_t pad_id);

// Sum of the rows where mask is 1, divided by their count: (B, T, d), (B, T) -> (B, d).
torch::Tensor masked_average(const torch::Tensor& rows, const torch::Tensor& mask);

// Hugging Face's initialisation of every part (normal(0, 0.02) weights, zero biases).
void init_clamp_weights(ClampModelImpl& model);

}  // namespace mnemo::clamp
