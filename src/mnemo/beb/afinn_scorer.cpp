#include "mnemo/beb/afinn_scorer.h"

#include <fstream>
#include <unordered_set>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::beb {
namespace {

// Words that flip the rating of the match right after them.
const std::unordered_set<std::string>& negators() {
  static const std::unordered_set<std::string> words = {
      "not",     "no",        "never",    "none",   "nobody",  "nothing", "neither",
      "nor",     "cannot",    "can't",    "cant",   "don't",   "dont",    "doesn't",
      "doesnt",  "didn't",    "didnt",    "isn't",  "isnt",    "aren't",  "arent",
      "wasn't",  "wasnt",     "weren't",  "werent", "won't",   "wont",    "wouldn't",
      "wouldnt", "shouldn't", "couldn't", "hasn't", "haven't", "hadn't",  "ain't"};
  return words;
}

bool word_byte(unsigned char c) {
  return std::isalnum(c) || c == '\'' || c == '-' || c >= 0x80;  // UTF-8 letters kept whole
}

}  // namespace

std::vector<std::string> afinn_words(const std::string& sentence) {
  std::string text;
  for (size_t i = 0; i < sentence.size(); ++i) {
    if (sentence.compare(i, 3, "\xE2\x80\x99") == 0) {  // ’ as '
      text += '\'';
      i += 2;
    } else {
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(sentence[i])));
    }
  }
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !word_byte(text[i])) ++i;
    size_t end = i;
    while (end < text.size() && word_byte(text[end])) ++end;
    auto word = text.substr(i, end - i);
    const auto first = word.find_first_not_of("'-");
    const auto last = word.find_last_not_of("'-");
    if (first != std::string::npos) words.push_back(word.substr(first, last - first + 1));
    i = end;
  }
  return words;
}

AfinnScorer::AfinnScorer(const std::filesystem::path& lexicon) {
  std::ifstream in(lexicon);
  if (!in)
    throw file_error(lexicon.string(),
                     "cannot be read (the AFINN-165 lexicon: run scripts/fetch-afinn.sh, or give "
                     "another with --lexicon)");
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const auto where = lexicon.string() + ":" + std::to_string(number);
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw file_error(where, "expected \"term<TAB>rating\", got '" + line + "'");
    const auto rating = parse_integer(line.substr(tab + 1));
    if (!rating)
      throw file_error(where, "the rating '" + line.substr(tab + 1) + "' is not an integer");
    if (*rating < -5 || *rating > 5)
      throw file_error(where, "rating " + std::to_string(*rating) + " lies outside -5..5");
    const auto words = afinn_words(line.substr(0, tab));
    std::string term;
    for (const auto& word : words) term += (term.empty() ? "" : " ") + word;
    if (term.empty()) throw file_error(where, "the term holds no word");
    if (!ratings_.emplace(term, static_cast<int>(*rating)).second)
      throw file_error(where, "'" + term + "' is listed twice");
    longest_phrase_ = std::max(longest_phrase_, words.size());
  }
  if (ratings_.empty()) throw file_error(lexicon.string(), "holds no entries");
}

double AfinnScorer::score(const std::string& sentence) const {
  const auto words = afinn_words(sentence);
  double sum = 0;
  int matches = 0;
  for (size_t i = 0; i < words.size();) {
    size_t matched = 0;
    int rating = 0;
    std::string phrase;
    for (size_t n = 1; n <= longest_phrase_ && i + n <= words.size(); ++n) {
      phrase += (n > 1 ? " " : "") + words[i + n - 1];
      const auto found = ratings_.find(phrase);
      if (found != ratings_.end()) matched = n, rating = found->second;
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    const bool negated = i > 0 && negators().count(words[i - 1]) > 0;
    sum += negated ? -rating : rating;
    ++matches;
    i += matched;
  }
  return matches == 0 ? 0.0 : sum / (5.0 * matches);
}

}  // namespace mnemo::beb
