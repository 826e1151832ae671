// M3, the masked music model that pre-trains CLaMP's music encoder (as released with
// CLaMP 2): ceil(45%) of a piece's patches are chosen and, per piece, all masked (p 0.8),
// their characters shuffled (0.1) or kept (0.1); the encoder reads the result and a small
// causal character decoder rebuilds each chosen patch from its encoder row. The loss is the
// cross-entropy of those characters (up to each patch's end code) only.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include <filesystem>
#include <vector>

#include "mnemo/clamp/bar_patches.h"
#include "mnemo/clamp/clamp_model.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/tasks/random.h"

namespace mnemo::clamp {

struct MaskedPiece {
  std::vector<Patch> input;  // what the encoder reads
  std::vector<bool> chosen;  // per patch: to be rebuilt
};

// Chooses ceil(0.45 n) of the n patches (a final all-end patch is never chosen) and masks,
// shuffles or keeps them, all the same way, as described above.
MaskedPiece mask_piece(const std::vector<Patch>& patches, tasks::Random& random);

// A causal transformer over [encoder row, c_0 .. c_62] predicting c_0 .. c_63.
class PatchDecoderImpl : public torch::nn::Module {
 public:
  explicit PatchDecoderImpl(const nn::BertConfig& config);
  // context: (P, d); targets: (P, 64) codes -> logits (P, 64, 98).
  torch::Tensor forward(const torch::Tensor& context, const torch::Tensor& targets);

  torch::nn::Embedding characters{nullptr}, positions{nullptr};
  std::vector<nn::BertLayer> layers;
  torch::nn::Linear output{nullptr};
};
TORCH_MODULE(PatchDecoder);

class M3ModelImpl : public torch::nn::Module {
 public:
  // The encoder of `music` geometry; the decoder has 2 layers of the same width.
  explicit M3ModelImpl(const nn::BertConfig& music, int64_t max_patches);

  struct Result {
    torch::Tensor loss;      // mean cross-entropy over the rebuilt characters
    int64_t correct = 0;     // characters predicted right
    int64_t characters = 0;  // characters rebuilt
  };
  // original, input: (B, N, 64) codes; mask: (B, N) real patches; chosen: (B, N) bool.
  Result forward(const torch::Tensor& original, const torch::Tensor& input,
                 const torch::Tensor& mask, const torch::Tensor& chosen);

  const nn::BertConfig& config() const { return config_; }
  int64_t max_patches() const { return max_patches_; }

  MusicEncoder music_enc{nullptr};
  PatchDecoder decoder{nullptr};

 private:
  nn::BertConfig config_;
  int64_t max_patches_;
};
TORCH_MODULE(M3Model);

// An M3 directory: config.json (the encoder's, with max_length) and model.safetensors
// (`music_enc.*` and `decoder.*`).
void save_m3(const io::AtomicDirectory& dir, const M3ModelImpl& model);
M3Model load_m3(const std::filesystem::path& dir);
// Copies an M3 directory's music encoder into a CLaMP model of the same music geometry.
void load_m3_into_clamp(const std::filesystem::path& dir, ClampModelImpl& clamp);

}  // namespace mnemo::clamp
