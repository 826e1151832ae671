#include "mnemo/beb/behavior_scorer.h"

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

}  // namespace mnemo::beb
