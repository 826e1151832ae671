#include "mnemo/beb/misalignment.h"

#include <algorithm>

#include "mnemo/beb/sentence_model.h"
#include "mnemo/core/error.h"

namespace mnemo::beb {

std::string sentence_text(const text::Tokenizer& tokenizer, Tokens sentence, int64_t end_of_text) {
  sentence.erase(std::remove(sentence.begin(), sentence.end(), end_of_text), sentence.end());
  return tokenizer.decode(sentence);
}

std::vector<BehaviorPoint> measure_misalignment(SentenceModel& model, SentenceModel& negative,
                                                const text::Tokenizer& tokenizer,
                                                const BehaviorScorer& scorer,
                                                const MisalignOptions& options,
                                                const Progress& progress) {
  if (options.max_sentences < 0) throw Error("beb misalign: --max-sentences must be >= 0");
  if (options.responses < 2) throw Error("beb misalign: --responses must be at least 2");
  const auto end_of_text = text::end_of_text_id(tokenizer);
  const auto points = static_cast<size_t>(options.max_sentences + 1);
  std::vector<std::vector<double>> behaviors(points);
  std::vector<BehaviorPoint> curve(points);
  std::mt19937_64 random(options.seed);
  for (int64_t r = 0; r < options.responses; ++r) {
    Tokens attack{end_of_text};  // P-'s chain, written without the aligning prompt
    Tokens prompt{end_of_text};  // what the model reads
    prompt.insert(prompt.end(), options.aligning_prompt.begin(), options.aligning_prompt.end());
    for (size_t k = 0; k < points; ++k) {
      if (k > 0) {
        const auto sentence = negative.sample(attack, random);
        attack.insert(attack.end(), sentence.begin(), sentence.end());
        prompt.insert(prompt.end(), sentence.begin(), sentence.end());
      }
      const auto response = model.sample(prompt, random);
      const auto text = sentence_text(tokenizer, response, end_of_text);
      behaviors[k].push_back(scorer.score(text));
      curve[k].prompt_tokens += double(prompt.size()) / double(options.responses);
      if (r < options.examples) {
        const auto tail_start = std::max<int64_t>(1, int64_t(prompt.size()) - 24);
        const Tokens tail(prompt.begin() + tail_start, prompt.end());
        curve[k].examples.push_back((tail_start > 1 ? "..." : "") +
                                    sentence_text(tokenizer, tail, end_of_text) + " | " + text);
      }
    }
    progress.update(double(r + 1), double(options.responses),
                    "misalign: responses at every k, " + std::to_string(r + 1) + "/" +
                        std::to_string(options.responses));
  }
  for (size_t k = 0; k < points; ++k) {
    curve[k].sentences = int64_t(k);
    curve[k].behavior = mean_estimate(behaviors[k]);
  }
  return curve;
}

}  // namespace mnemo::beb
