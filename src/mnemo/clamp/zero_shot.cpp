#include "mnemo/clamp/zero_shot.h"

#include <torch/torch.h>

#include "mnemo/clamp/embedding.h"
#include "mnemo/core/error.h"

namespace mnemo::clamp {

std::string label_prompt(const std::string& text_template, const std::string& label) {
  const std::string slot = "{label}";
  const size_t at = text_template.find(slot);
  if (at == std::string::npos)
    throw Error("the template '" + text_template + "' has no {label} to fill");
  return text_template.substr(0, at) + label + text_template.substr(at + slot.size());
}

torch::Tensor zero_shot_probabilities(ClampModelImpl& model, const ClampTokenizer& tokenizer,
                                      const torch::Tensor& music_embeddings,
                                      const std::vector<std::string>& labels,
                                      const std::string& text_template) {
  if (labels.empty()) throw Error("no labels to classify into");
  std::vector<std::string> prompts;
  for (const auto& label : labels) prompts.push_back(label_prompt(text_template, label));
  torch::NoGradGuard no_grad;
  const auto label_embeddings = embed_texts(model, tokenizer, prompts);
  return model.logits(music_embeddings, label_embeddings).softmax(1);
}

ClassificationMetrics classification_metrics(const std::vector<int64_t>& truth,
                                             const std::vector<int64_t>& predicted,
                                             int64_t labels) {
  if (truth.size() != predicted.size() || truth.empty())
    throw Error("classification metrics need one prediction per item");
  std::vector<int64_t> true_positive(static_cast<size_t>(labels)), truth_count(true_positive),
      predicted_count(true_positive);
  int64_t correct = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    ++truth_count[static_cast<size_t>(truth[i])];
    ++predicted_count[static_cast<size_t>(predicted[i])];
    if (truth[i] == predicted[i]) {
      ++correct;
      ++true_positive[static_cast<size_t>(truth[i])];
    }
  }
  ClassificationMetrics metrics;
  metrics.accuracy = static_cast<double>(correct) / static_cast<double>(truth.size());
  double f1_sum = 0;
  int64_t counted = 0;
  for (size_t label = 0; label < static_cast<size_t>(labels); ++label) {
    if (truth_count[label] + predicted_count[label] == 0) continue;
    f1_sum += 2.0 * static_cast<double>(true_positive[label]) /
              static_cast<double>(truth_count[label] + predicted_count[label]);
    ++counted;
  }
  metrics.macro_f1 = f1_sum / static_cast<double>(counted);
  return metrics;
}

}  // namespace mnemo::clamp
