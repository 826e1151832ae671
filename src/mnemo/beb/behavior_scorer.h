// Behavior scoring functions of the BEB framework (Wolf et al. 2023): a sentence's behavior
// in [-1, 1], -1 very negative, +1 very positive. Commands pick one by name.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mnemo::beb {

class BehaviorScorer {
 public:
  virtual ~BehaviorScorer() = default;
  // The behavior of one sentence, in [-1, 1].
  virtual double score(const std::string& sentence) const = 0;
};

// Where a named scorer finds its files.
struct ScorerFiles {
  std::filesystem::path lexicon = "data/afinn-165.tsv";  // afinn (scripts/fetch-afinn.sh)
  std::filesystem::path learned_model;                   // learned (beb train-scorer)
};

// The scorer names commands accept.
std::vector<std::string> scorer_names();
// The scorer called `name`; an unknown name is an error listing the known ones.
std::unique_ptr<BehaviorScorer> make_scorer(const std::string& name, const ScorerFiles& files);

// A scorer as commands choose it: by name (--scorer), with the files it reads.
struct ScorerChoice {
  std::string name = "afinn";
  ScorerFiles files;

  std::unique_ptr<BehaviorScorer> make() const { return make_scorer(name, files); }
};

// How well a scorer matches labels in [-1, 1].
struct ScorerQuality {
  int64_t sentences = 0;
  double mean_squared_error = 0;
  double correlation = 0;     // Pearson, scores against labels
  double sign_agreement = 0;  // share of non-zero labels whose sign the score has
};

// `scorer` on each sentence against its label; all zero for no sentences.
ScorerQuality scorer_quality(const BehaviorScorer& scorer,
                             const std::vector<std::string>& sentences,
                             const std::vector<double>& labels);

}  // namespace mnemo::beb
