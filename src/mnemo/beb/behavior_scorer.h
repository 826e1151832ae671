// Behavior scoring functions of the BEB framework (Wolf et al. 2023): a sentence's behavior
// in [-1, 1], -1 very negative, +1 very positive. Commands pick one by name.
#pragma once
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

}  // namespace mnemo::beb
