#include "mnemo/beb/model_choice.h"

#include "mnemo/beb/sentence_model.h"
#include "mnemo/core/error.h"

namespace mnemo::beb {

ChosenModel load_chosen_model(const ModelChoice& choice, int64_t max_sentence_tokens) {
  if (choice.dir.empty() == choice.mixture.empty())
    throw Error("give the model as --model DIR or --mixture ALPHA:NEG_DIR,POS_DIR");
  ChosenModel chosen;
  if (!choice.dir.empty()) {
    chosen.gpt2 = std::make_shared<Gpt2SentenceModel>(choice.dir, max_sentence_tokens);
    chosen.model = chosen.gpt2;
    return chosen;
  }
  const auto spec = parse_mixture(choice.mixture);
  chosen.gpt2 = std::make_shared<Gpt2SentenceModel>(spec.negative, max_sentence_tokens);
  chosen.model = std::make_shared<MixtureSentenceModel>(
      spec.alpha, chosen.gpt2,
      std::make_shared<Gpt2SentenceModel>(spec.positive, max_sentence_tokens));
  chosen.alpha = spec.alpha;
  return chosen;
}

}  // namespace mnemo::beb
