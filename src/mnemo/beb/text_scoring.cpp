#include "mnemo/beb/text_scoring.h"

#include "mnemo/beb/line_files.h"
#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::beb {
namespace {

// A label file's line as a number in [-1, 1]; anything else names the file and line.
double parse_label_line(const std::string& text, const std::string& path, size_t line) {
  const auto label = parse_number(text);
  if (!label || !(*label >= -1 && *label <= 1))
    throw file_error(path + ":" + std::to_string(line),
                     "'" + text + "' is not a label (a number in [-1, 1])");
  return *label;
}

}  // namespace

ScoredText score_text(const ScoreTextSettings& settings) {
  const auto scorer = settings.scorer.make();
  auto sentences = settings.sentences;
  if (!settings.text_file.empty())
    for (auto& sentence : text::split_sentences(io::read_file(settings.text_file)))
      sentences.push_back(std::move(sentence));
  if (sentences.empty()) throw Error("beb score: give sentences, or --text FILE");
  ScoredText scored;
  double sum = 0;
  for (auto& sentence : sentences) {
    const double score = scorer->score(sentence);
    sum += score;
    scored.sentences.push_back({std::move(sentence), score});
  }
  scored.mean = sum / double(scored.sentences.size());
  return scored;
}

LabelCounts label_text(const LabelSettings& settings) {
  if (settings.threshold < 0 || settings.threshold >= 1)
    throw Error("--threshold must lie in [0, 1)");
  const auto scorer = settings.scorer.make();
  std::string positive, negative;
  LabelCounts counts;
  for (const auto& line : read_lines(settings.text_file)) {
    if (is_blank(line)) continue;
    ++counts.lines;
    const double score = scorer->score(line);
    if (score > settings.threshold) {
      positive += line + "\n";
      ++counts.positives;
    } else if (score < -settings.threshold) {
      negative += line + "\n";
      ++counts.negatives;
    }
  }
  if (counts.positives == 0 || counts.negatives == 0)
    throw file_error(settings.text_file, "gives " + std::to_string(counts.positives) +
                                             " positive and " + std::to_string(counts.negatives) +
                                             " negative lines: both are needed");
  io::write_file_atomic(settings.positive, positive);
  io::write_file_atomic(settings.negative, negative);
  return counts;
}

LabelledSentences read_labelled_sentences(const std::string& text_file,
                                          const std::string& labels_file,
                                          const ScorerChoice& scorer) {
  const auto lines = read_lines(text_file);
  std::vector<std::string> label_lines;
  if (!labels_file.empty()) {
    label_lines = read_lines(labels_file);
    if (label_lines.size() != lines.size())
      throw file_error(labels_file, "has " + std::to_string(label_lines.size()) + " lines, " +
                                        text_file + " " + std::to_string(lines.size()) +
                                        ": one label a line");
  }
  const auto labelling = labels_file.empty() ? scorer.make() : nullptr;
  LabelledSentences labelled;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_blank(lines[i])) continue;
    labelled.sentences.push_back(lines[i]);
    labelled.labels.push_back(labelling ? labelling->score(lines[i])
                                        : parse_label_line(label_lines[i], labels_file, i + 1));
  }
  if (labelled.sentences.empty()) throw file_error(text_file, "holds no sentences");
  return labelled;
}

}  // namespace mnemo::beb
