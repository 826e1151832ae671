#include "mnemo/clamp/embedding.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"

namespace mnemo::clamp {
namespace {

// Runs `embed_range(first, count)` over [0, total) in batches and stacks the rows.
template <typename EmbedRange>
torch::Tensor in_batches(int64_t total, int64_t batch, EmbedRange embed_range) {
  if (total == 0) throw Error("nothing to embed");
  std::vector<torch::Tensor> parts;
  for (int64_t first = 0; first < total; first += batch)
    parts.push_back(embed_range(first, std::min(batch, total - first)));
  return torch::cat(parts);
}

template <typename T>
std::vector<T> slice(const std::vector<T>& items, int64_t first, int64_t count) {
  return std::vector<T>(items.begin() + first, items.begin() + first + count);
}

}  // namespace

torch::Tensor embed_token_ids(ClampModelImpl& model, const std::vector<std::vector<int64_t>>& ids,
                              int64_t pad_id, int64_t batch) {
  torch::NoGradGuard no_grad;
  return in_batches(static_cast<int64_t>(ids.size()), batch, [&](int64_t first, int64_t count) {
    const auto inputs = text_batch(slice(ids, first, count), pad_id);
    return model.text_features(inputs.inputs, inputs.mask);
  });
}

torch::Tensor embed_patches(ClampModelImpl& model, const std::vector<std::vector<Patch>>& pieces,
                            int64_t batch) {
  torch::NoGradGuard no_grad;
  return in_batches(static_cast<int64_t>(pieces.size()), batch, [&](int64_t first, int64_t count) {
    const auto inputs = music_batch(slice(pieces, first, count));
    return model.music_features(inputs.inputs, inputs.mask);
  });
}

torch::Tensor embed_texts(ClampModelImpl& model, const ClampTokenizer& tokenizer,
                          const std::vector<std::string>& texts, int64_t batch) {
  std::vector<std::vector<int64_t>> ids;
  for (const auto& text : texts) ids.push_back(tokenizer.encode(text));
  return embed_token_ids(model, ids, tokenizer.pad_id(), batch);
}

}  // namespace mnemo::clamp
