// Scorers over text: scoring sentences and a file's sentences, splitting a text into positive
// and negative files, and reading labelled sentences for training (labels from a file or a
// scorer, and the errors of bad label files).
#include "mnemo/beb/text_scoring.h"

#include "mnemo/io/atomic_file.h"
#include "test_support.h"

namespace mnemo::beb {
namespace {

using testing::error_of;
using testing::ScratchDir;
using testing::write_text;

// An AFINN-style lexicon of two words in dir/lexicon.tsv, as a scorer choice.
ScorerChoice two_word_lexicon(const ScratchDir& dir) {
  write_text(dir / "lexicon.tsv", "good\t3\nbad\t-3\n");
  ScorerChoice scorer;
  scorer.files.lexicon = dir / "lexicon.tsv";
  return scorer;
}

TEST(ScoreText, ScoresTheGivenSentencesThenTheFilesWithTheirMean) {
  const ScratchDir dir;
  ScoreTextSettings settings;
  settings.scorer = two_word_lexicon(dir);
  settings.sentences = {"a good day"};
  write_text(dir / "text.txt", "Not good at all. A bad day!");
  settings.text_file = (dir / "text.txt").string();
  const auto scored = score_text(settings);
  ASSERT_EQ(scored.sentences.size(), 3u);
  EXPECT_EQ(scored.sentences[0].sentence, "a good day");
  EXPECT_DOUBLE_EQ(scored.sentences[0].score, 0.6);
  EXPECT_DOUBLE_EQ(scored.sentences[1].score, -0.6);  // negated
  EXPECT_DOUBLE_EQ(scored.sentences[2].score, -0.6);
  EXPECT_DOUBLE_EQ(scored.mean, -0.2);
  settings.sentences.clear();
  settings.text_file.clear();
  EXPECT_NE(error_of([&] { score_text(settings); }).find("give sentences, or --text FILE"),
            std::string::npos);
}

TEST(LabelText, SplitsLinesAboveAndBelowTheThreshold) {
  const ScratchDir dir;
  LabelSettings settings;
  settings.scorer = two_word_lexicon(dir);
  write_text(dir / "text.txt", "a good day\n\na bad day\nthe day\nnot bad\nbad bad good\n");
  settings.text_file = (dir / "text.txt").string();
  settings.positive = (dir / "positive.txt").string();
  settings.negative = (dir / "negative.txt").string();
  settings.threshold = 0.1;
  const auto counts = label_text(settings);
  EXPECT_EQ(counts.lines, 5);  // the blank line is not one
  EXPECT_EQ(counts.positives, 2);
  EXPECT_EQ(counts.negatives, 2);
  EXPECT_EQ(counts.neither(), 1);
  EXPECT_EQ(io::read_file(dir / "positive.txt"), "a good day\nnot bad\n");
  EXPECT_EQ(io::read_file(dir / "negative.txt"), "a bad day\nbad bad good\n");

  settings.threshold = 1;
  EXPECT_NE(error_of([&] { label_text(settings); }).find("--threshold must lie in [0, 1)"),
            std::string::npos);
  write_text(dir / "glad.txt", "a good day\n");
  settings.text_file = (dir / "glad.txt").string();
  settings.threshold = 0;
  EXPECT_NE(error_of([&] {
              label_text(settings);
            }).find("glad.txt: gives 1 positive and 0 negative lines: both are needed"),
            std::string::npos);
}

TEST(LabelledSentences, LabelsComeFromTheFileOrTheScorer) {
  const ScratchDir dir;
  const auto scorer = two_word_lexicon(dir);
  write_text(dir / "text.txt", "a good day\n  \na bad day\n");
  write_text(dir / "labels.txt", "0.5\n\n-1\n");
  const auto text = (dir / "text.txt").string();
  const auto from_file = read_labelled_sentences(text, (dir / "labels.txt").string(), scorer);
  EXPECT_EQ(from_file.sentences, (std::vector<std::string>{"a good day", "a bad day"}));
  EXPECT_EQ(from_file.labels, (std::vector<double>{0.5, -1}));
  const auto from_scorer = read_labelled_sentences(text, "", scorer);
  EXPECT_EQ(from_scorer.sentences, from_file.sentences);
  EXPECT_EQ(from_scorer.labels, (std::vector<double>{0.6, -0.6}));

  write_text(dir / "bad-labels.txt", "1\n-1\nvery good\n");
  EXPECT_NE(error_of([&] {
              read_labelled_sentences(text, (dir / "bad-labels.txt").string(), scorer);
            }).find("bad-labels.txt:3: 'very good' is not a label (a number in [-1, 1])"),
            std::string::npos);
  write_text(dir / "too-big.txt", "1\n\n2\n");
  EXPECT_NE(error_of([&] {
              read_labelled_sentences(text, (dir / "too-big.txt").string(), scorer);
            }).find("too-big.txt:3: '2' is not a label"),
            std::string::npos);
  write_text(dir / "short.txt", "1\n");
  EXPECT_NE(error_of([&] {
              read_labelled_sentences(text, (dir / "short.txt").string(), scorer);
            }).find("short.txt: has 1 lines, " + text + " 3: one label a line"),
            std::string::npos);
  write_text(dir / "blank.txt", "\n \n");
  EXPECT_NE(error_of([&] {
              read_labelled_sentences((dir / "blank.txt").string(), "", scorer);
            }).find("blank.txt: holds no sentences"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::beb
