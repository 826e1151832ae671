#include "mnemo/beb/behavior_scorer.h"

#include <cmath>
#include <numeric>

#include "mnemo/beb/afinn_scorer.h"
#include "mnemo/beb/learned_scorer.h"
#include "mnemo/core/error.h"

namespace mnemo::beb {

std::vector<std::string> scorer_names() { return {"afinn", "learned"}; }

std::unique_ptr<BehaviorScorer> make_scorer(const std::string& name, const ScorerFiles& files) {
  if (name == "afinn") return std::make_unique<AfinnScorer>(files.lexicon);
  if (name == "learned") {
    if (files.learned_model.empty())
      throw Error(
          "the learned scorer needs its model directory (--scorer-model DIR; "
          "--label-scorer-model DIR in train-scorer)");
    return std::make_unique<LearnedScorer>(files.learned_model);
  }
  std::string known;
  for (const auto& n : scorer_names()) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown behavior scorer '" + name + "' (known: " + known + ")");
}

ScorerQuality scorer_quality(const BehaviorScorer& scorer,
                             const std::vector<std::string>& sentences,
                             const std::vector<double>& labels) {
  if (sentences.size() != labels.size())
    throw Error("scorer quality: " + std::to_string(sentences.size()) + " sentences but " +
                std::to_string(labels.size()) + " labels");
  ScorerQuality q;
  q.sentences = int64_t(sentences.size());
  if (sentences.empty()) return q;
  std::vector<double> scores;
  for (const auto& sentence : sentences) scores.push_back(scorer.score(sentence));
  const double n = double(scores.size());
  const double mean_s = std::accumulate(scores.begin(), scores.end(), 0.0) / n;
  const double mean_l = std::accumulate(labels.begin(), labels.end(), 0.0) / n;
  double covariance = 0, var_s = 0, var_l = 0, squares = 0;
  int64_t signed_labels = 0, agreeing = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    covariance += (scores[i] - mean_s) * (labels[i] - mean_l);
    var_s += (scores[i] - mean_s) * (scores[i] - mean_s);
    var_l += (labels[i] - mean_l) * (labels[i] - mean_l);
    squares += (scores[i] - labels[i]) * (scores[i] - labels[i]);
    if (labels[i] != 0) {
      ++signed_labels;
      agreeing += (scores[i] > 0) == (labels[i] > 0);
    }
  }
  q.mean_squared_error = squares / n;
  q.correlation = var_s > 0 && var_l > 0 ? covariance / std::sqrt(var_s * var_l) : 0;
  q.sign_agreement = signed_labels ? double(agreeing) / double(signed_labels) : 0;
  return q;
}

}  // namespace mnemo::beb
