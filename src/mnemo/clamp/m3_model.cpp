#include "mnemo/clamp/m3_model.h"

#include <torch/torch.h>

#include <cmath>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::clamp {
namespace {

constexpr int64_t kDecoderLayers = 2;

bool is_end_patch(const Patch& patch) {
  return std::all_of(patch.begin(), patch.end(), [](uint8_t code) { return code == kEndCode; });
}

// The characters of a patch: the codes before its end code.
size_t character_count(const Patch& patch) {
  size_t count = 0;
  while (count < patch.size() && patch[count] != kEndCode) ++count;
  return count;
}

}  // namespace

MaskedPiece mask_piece(const std::vector<Patch>& patches, tasks::Random& random) {
  MaskedPiece piece{patches, std::vector<bool>(patches.size(), false)};
  size_t candidates = patches.size();
  if (candidates > 0 && is_end_patch(patches.back())) --candidates;
  if (candidates == 0) return piece;
  const auto chosen_count = static_cast<size_t>(std::ceil(0.45 * static_cast<double>(candidates)));
  std::vector<size_t> order(candidates);
  for (size_t i = 0; i < candidates; ++i) order[i] = i;
  for (size_t i = 0; i < chosen_count; ++i)
    std::swap(order[i], order[i + random.below(candidates - i)]);
  const uint64_t mode = random.below(10);  // 0-7 mask, 8 shuffle, 9 keep
  for (size_t i = 0; i < chosen_count; ++i) {
    const size_t index = order[i];
    piece.chosen[index] = true;
    Patch& patch = piece.input[index];
    if (mode < 8) {
      patch.fill(kMaskCode);
    } else if (mode == 8) {
      const size_t count = character_count(patch);
      for (size_t j = count; j > 1; --j) std::swap(patch[j - 1], patch[random.below(j)]);
    }
  }
  return piece;
}

PatchDecoderImpl::PatchDecoderImpl(const nn::BertConfig& config) {
  characters =
      register_module("characters", torch::nn::Embedding(kPatchClasses, config.hidden_size));
  positions = register_module("positions", torch::nn::Embedding(kPatchLength, config.hidden_size));
  auto list = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < kDecoderLayers; ++i) {
    layers.push_back(nn::BertLayer(config));
    list->push_back(layers.back());
  }
  output = register_module("output", torch::nn::Linear(config.hidden_size, kPatchClasses));
}

torch::Tensor PatchDecoderImpl::forward(const torch::Tensor& context,
                                        const torch::Tensor& targets) {
  // Position i sees the encoder row and the characters before i, and predicts character i.
  const auto previous = characters(targets.narrow(1, 0, kPatchLength - 1));
  auto x = torch::cat({context.unsqueeze(1), previous}, 1) + positions->weight.unsqueeze(0);
  const auto causal = torch::full({kPatchLength, kPatchLength},
                                  -std::numeric_limits<float>::infinity(), x.options())
                          .triu(1)
                          .view({1, 1, kPatchLength, kPatchLength});
  for (auto& layer : layers) x = layer(x, causal);
  return output(x);
}

M3ModelImpl::M3ModelImpl(const nn::BertConfig& music, int64_t max_patches)
    : config_(music), max_patches_(max_patches) {
  music_enc = register_module("music_enc", MusicEncoder(music));
  decoder = register_module("decoder", PatchDecoder(music));
}

M3ModelImpl::Result M3ModelImpl::forward(const torch::Tensor& original, const torch::Tensor& input,
                                         const torch::Tensor& mask, const torch::Tensor& chosen) {
  const auto rows = music_enc(input, mask);  // (B, N, d)
  const auto picked = chosen.to(torch::kBool) & mask.to(torch::kBool);
  const auto context = rows.index({picked});      // (P, d)
  const auto targets = original.index({picked});  // (P, 64)
  const auto logits = decoder(context, targets);  // (P, 64, 98)
  // Characters up to and including each patch's first end code; padding after it is not
  // part of the patch.
  const auto is_end = targets.eq(kEndCode).to(torch::kLong);
  const auto before_end = (is_end.cumsum(1) - is_end).eq(0);
  const auto flat_logits = logits.index({before_end});
  const auto flat_targets = targets.index({before_end});
  Result result;
  result.loss = torch::nn::functional::cross_entropy(flat_logits, flat_targets);
  result.correct = flat_logits.argmax(1).eq(flat_targets).sum().item<int64_t>();
  result.characters = flat_targets.numel();
  return result;
}

void save_m3(const io::AtomicDirectory& dir, const M3ModelImpl& model) {
  auto config = model.config().to_json();
  config["max_length"] = model.max_patches();
  config["architectures"] = {"M3"};
  dir.write_file("config.json", config.dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", nn::state_dict(model),
                       {{"format", "pt"}});
}

M3Model load_m3(const std::filesystem::path& dir) {
  const auto config_path = dir / "config.json";
  const auto json = io::read_json_file(config_path);
  const auto config = nn::BertConfig::from_json(json, config_path.string());
  const auto max_patches =
      io::json_field(json, "max_length", config.max_position_embeddings, config_path.string());
  M3Model model(config, max_patches);
  const io::SafetensorsFile weights(dir / "model.safetensors");
  const auto report = nn::load_state_dict(*model, weights, nn::bert_checkpoint_key);
  if (!report.missing.empty() || !report.unexpected.empty())
    throw file_error(weights.path().string(),
                     "is not an M3 model of this config: " + report.summary());
  return model;
}

void load_m3_into_clamp(const std::filesystem::path& dir, ClampModelImpl& clamp) {
  const M3Model m3 = load_m3(dir);
  const auto& a = m3->config();
  const auto& b = clamp.config().music;
  if (a.hidden_size != b.hidden_size || a.num_hidden_layers != b.num_hidden_layers ||
      a.num_attention_heads != b.num_attention_heads ||
      a.intermediate_size != b.intermediate_size ||
      a.max_position_embeddings < b.max_position_embeddings)
    throw file_error(dir.string(), "its music encoder's geometry differs from this CLaMP model's");
  torch::NoGradGuard no_grad;
  auto source = m3->music_enc->named_parameters();
  for (auto& target : clamp.music_enc->named_parameters()) {
    const auto& from = source[target.key()];
    // Positions beyond the CLaMP model's max are left out.
    target.value().copy_(from.narrow(0, 0, target.value().size(0)));
  }
}

}  // namespace mnemo::clamp
