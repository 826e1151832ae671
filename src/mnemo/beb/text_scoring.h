// Behavior scorers run over text: scoring sentences (`beb score`), splitting a text of one
// sentence a line into positive and negative files (`beb label`, the training texts of P+
// and P-), and the labelled sentences a learned scorer trains on (`beb train-scorer`).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/beb/behavior_scorer.h"

namespace mnemo::beb {

struct ScoreTextSettings {
  ScorerChoice scorer;
  std::vector<std::string> sentences;  // scored first
  std::string text_file;               // then this file's sentences, if given
};

struct ScoredSentence {
  std::string sentence;
  double score = 0;
};

struct ScoredText {
  std::vector<ScoredSentence> sentences;
  double mean = 0;
};

// No sentences at all is an error.
ScoredText score_text(const ScoreTextSettings& settings);

struct LabelSettings {
  ScorerChoice scorer;
  std::string text_file;  // one sentence a line
  std::string positive;   // written: lines scoring above the threshold
  std::string negative;   // written: lines scoring below minus the threshold
  double threshold = 0;   // in [0, 1)
};

struct LabelCounts {
  int64_t lines = 0;  // non-blank
  int64_t positives = 0, negatives = 0;

  int64_t neither() const { return lines - positives - negatives; }
};

// Writes both files atomically; a text giving no positive or no negative line is an error
// naming it.
LabelCounts label_text(const LabelSettings& settings);

struct LabelledSentences {
  std::vector<std::string> sentences;
  std::vector<double> labels;  // in [-1, 1]
};

// The non-blank lines of `text_file` with their labels: the same lines of `labels_file` (a
// number in [-1, 1] each; errors name the file and line), or `scorer`'s scores when
// `labels_file` is empty.
LabelledSentences read_labelled_sentences(const std::string& text_file,
                                          const std::string& labels_file,
                                          const ScorerChoice& scorer);

}  // namespace mnemo::beb
