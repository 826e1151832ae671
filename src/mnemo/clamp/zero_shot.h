// Zero-shot classification with CLaMP: each label becomes a text prompt ("This is a {label}
// song."), and a piece's label probabilities are the softmax of its scaled similarities to
// the prompts. With the metrics to judge it.
#pragma once
#include <torch/types.h>

#include <string>
#include <vector>

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/clamp_model.h"

namespace mnemo::clamp {

// The template with "{label}" replaced; a template without "{label}" is an error.
std::string label_prompt(const std::string& text_template, const std::string& label);

// (N, L) probabilities for N music embeddings (N, d) over the labels.
torch::Tensor zero_shot_probabilities(ClampModelImpl& model, const ClampTokenizer& tokenizer,
                                      const torch::Tensor& music_embeddings,
                                      const std::vector<std::string>& labels,
                                      const std::string& text_template);

struct ClassificationMetrics {
  double accuracy = 0;
  double macro_f1 = 0;  // F1 averaged over the labels that occur in the truth or predictions
};
ClassificationMetrics classification_metrics(const std::vector<int64_t>& truth,
                                             const std::vector<int64_t>& predicted, int64_t labels);

}  // namespace mnemo::clamp
