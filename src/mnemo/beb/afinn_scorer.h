// The AFINN lexicon scorer: words and phrases rated -5..+5 (AFINN-165: 3,382 entries, as
// scripts/fetch-afinn.sh writes them, "term<TAB>rating" a line). A sentence is lower-cased
// and cut into words (letters, digits, apostrophes, hyphens); the longest listed phrase
// (up to the lexicon's longest) starting at each word is matched; a match right after a
// negator ("not", "never", "don't", ...) counts with its sign flipped, as the common AFINN
// tools do; the sentence's behavior is the mean rating of its matches over 5, so in
// [-1, 1], and 0 when nothing matches.
#pragma once
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "mnemo/beb/behavior_scorer.h"

namespace mnemo::beb {

class AfinnScorer : public BehaviorScorer {
 public:
  // Errors name the file and line: a rating outside -5..5, a line without a tab, a term
  // listed twice, an empty file.
  explicit AfinnScorer(const std::filesystem::path& lexicon);

  double score(const std::string& sentence) const override;
  size_t entries() const { return ratings_.size(); }

 private:
  std::unordered_map<std::string, int> ratings_;
  size_t longest_phrase_ = 1;  // in words
};

// The words of a sentence as the scorer sees them (lower case, curly apostrophes straight).
std::vector<std::string> afinn_words(const std::string& sentence);

}  // namespace mnemo::beb
