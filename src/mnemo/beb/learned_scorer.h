// A learned behavior scorer: a small bag-of-words network trained with mnemo on sentences
// labelled in [-1, 1] by another scorer or by a file of labels. Features are the sentence's
// words (as the AFINN scorer cuts them) and word pairs, so that "not good" can differ from
// "good"; their embeddings are averaged, then tanh(w . tanh(mean + b1) + b2) is the score.
// A model directory holds learned-scorer.json (features, settings, held-out quality) and
// model.safetensors.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <functional>
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

  double score(const std::string& sentence) const override;
  // Scores (B) of sentences given as feature ids, differentiable (training).
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& offsets) const;
  // Feature ids of a sentence; features not in the vocabulary are dropped.
  std::vector<int64_t> feature_ids(const std::string& sentence) const;

  // Writes learned-scorer.json (with `about` merged in) and model.safetensors atomically.
  void save(const std::filesystem::path& dir, const nlohmann::json& about) const;

  std::vector<torch::Tensor> parameters() const;
  size_t feature_count() const { return features_.size(); }

 private:
  std::vector<std::string> features_;
  std::unordered_map<std::string, int64_t> index_;
  torch::Tensor embedding_, hidden_bias_, output_weight_, output_bias_;
};

struct LearnedScorerTraining {
  int64_t dim = 16;
  int64_t epochs = 10;
  int64_t batch = 128;
  double learning_rate = 0.01;
  double held_out_fraction = 0.1;
  int64_t min_count = 2;  // a feature must occur this often in the training sentences
  uint64_t seed = 0;
};

// How well the scorer matches held-out labels.
struct ScorerQuality {
  int64_t sentences = 0;
  double mean_squared_error = 0;
  double correlation = 0;     // Pearson, scores against labels
  double sign_agreement = 0;  // share of non-zero labels whose sign the score has
};

struct TrainedScorer {
  LearnedScorer scorer;
  ScorerQuality held_out;
  int64_t training_sentences = 0;
};

// Trains on a seeded split of the sentences; `progress(epoch, loss)` after each epoch.
TrainedScorer train_learned_scorer(const std::vector<std::string>& sentences,
                                   const std::vector<double>& labels,
                                   const LearnedScorerTraining& options,
                                   const std::function<void(int64_t, double)>& progress = {});

}  // namespace mnemo::beb
