// BERT with Hugging Face's masked-language-modelling head (BertForMaskedLM), for
// pre-training a backbone on plain text. Names: `bert.*` and `cls.predictions.*`; the
// decoder is tied to the word embeddings, so only its bias is a parameter of its own.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include <filesystem>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert.h"

namespace mnemo::nn {

class BertForMaskedLMImpl : public torch::nn::Module {
 public:
  explicit BertForMaskedLMImpl(BertModel bert);
  // Scores over the vocabulary at the chosen positions only, which is all a loss needs.
  // inputs: (B, T); positions: (N, 2) (batch, position) pairs -> (N, V)
  torch::Tensor forward(const BertInputs& inputs, const torch::Tensor& positions);

  BertModel bert{nullptr};
  torch::nn::Linear transform_dense{nullptr};
  torch::nn::LayerNorm transform_norm{nullptr};
  torch::Tensor decoder_bias;
};
TORCH_MODULE(BertForMaskedLM);

// config.json and model.safetensors (bert.* and cls.predictions.*), which load_bert reads
// as a backbone (the head is then reported as unexpected, as Hugging Face does).
void save_bert_mlm(const io::AtomicDirectory& dir, BertForMaskedLMImpl& model);

// A saved BertForMaskedLM directory (or a `bert pretrain` run directory: its final model);
// an absent head starts from initialisation.
BertForMaskedLM load_bert_mlm(const std::filesystem::path& dir);
// Copies the weights of such a directory into `model` (same geometry); a missing backbone
// tensor is an error naming the file.
void load_bert_mlm_weights(const std::filesystem::path& dir, BertForMaskedLMImpl& model);

}  // namespace mnemo::nn
