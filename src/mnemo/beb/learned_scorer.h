// A learned behavior scorer: a small bag-of-words network trained with mnemo on sentences
// labelled in [-1, 1] by another scorer or by a file of labels. Features are the sentence's
// words (as the AFINN scorer cuts them) and word pairs, so that "not good" can differ from
// "good"; their embeddings are averaged, then tanh(w . tanh(mean + b1) + b2) is the score.
// A model directory holds learned-scorer.json (features, settings, held-out quality) and
// model.safetensors. train/scorer_training.h trains one.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "mnemo/beb/behavior_scorer.h"

namespace mnemo::beb {

// Words and adjacent word pairs ("not good") of a sentence.
std::vector<std::string> learned_features(const std::string& sentence);

class LearnedScorer : public BehaviorScorer {
 public:
  // Errors name the directory's files: missing, unreadable, shapes that do not match.
  explicit LearnedScorer(const std::filesystem::path& dir);
  LearnedScorer(std::vector<std::string> features, torch::Tensor embedding,
                torch::Tensor hidden_bias, torch::Tensor output_weight, torch::Tensor output_bias);
  // A scorer over `features` to train: small random weights from torch's generator (seed it
  // first), gradients on.
  static LearnedScorer untrained(std::vector<std::string> features, int64_t dim);

  double score(const std::string& sentence) const override;
  // Scores (B) of B sentences given as feature ids, differentiable (training).
  torch::Tensor forward(const std::vector<std::vector<int64_t>>& sentences) const;
  // Feature ids of a sentence; features not in the vocabulary are dropped.
  std::vector<int64_t> feature_ids(const std::string& sentence) const;

  // Replaces `dir` atomically with learned-scorer.json (with `about` merged in) and
  // model.safetensors.
  void save(const std::filesystem::path& dir, const nlohmann::json& about) const;
  // The same two files written into the existing directory `dir`, each atomically (the
  // weights first, so that learned-scorer.json appears last).
  void write_files(const std::filesystem::path& dir, const nlohmann::json& about) const;
  // Copies into these weights, in place, those of a directory save() wrote for the same
  // features; other features or shapes are an error naming the file.
  void load_weights(const std::filesystem::path& dir);

  std::vector<torch::Tensor> parameters() const;
  size_t feature_count() const { return features_.size(); }
  int64_t dim() const { return embedding_.size(1); }

 private:
  std::vector<std::string> features_;
  std::unordered_map<std::string, int64_t> index_;
  torch::Tensor embedding_, hidden_bias_, output_weight_, output_bias_;
};

// The features of `sentences` seen at least `min_count` times, most frequent first.
std::vector<std::string> learned_feature_vocabulary(const std::vector<std::string>& sentences,
                                                    int64_t min_count);

}  // namespace mnemo::beb
