// Embeddings of many texts or pieces at once, in batches, without gradients: what search,
// classification, evaluation and validation share.
#pragma once
#include <torch/types.h>

#include <string>
#include <vector>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/clamp_model.h"

namespace mnemo::clamp {

// (N, d) projections of already tokenized texts / patched pieces, `batch` at a time.
torch::Tensor embed_token_ids(ClampModelImpl& model, const std::vector<std::vector<int64_t>>& ids,
                              int64_t pad_id, int64_t batch = 32);
torch::Tensor embed_patches(ClampModelImpl& model, const std::vector<std::vector<Patch>>& pieces,
                            int64_t batch = 32);

// The same from texts.
torch::Tensor embed_texts(ClampModelImpl& model, const ClampTokenizer& tokenizer,
                          const std::vector<std::string>& texts, int64_t batch = 32);

}  // namespace mnemo::clamp
