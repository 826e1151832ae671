// mnemo beb label | estimate | alpha | misalign end to end on a toy world the test makes: a
// text of positive and negative sentences, tiny GPT-2s trained on it (a base, then P+ and P-
// fine-tuned from it with memorization train --init), and an AFINN-style lexicon. An exact
// mixture with alpha = 0.01 of two such components is misaligned by a sentence or two from
// P-, as Theorem 1 says.
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "fixtures.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/io/json_file.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;
using testing::write_text;

constexpr const char* kPositive[] = {"good", "happy", "great", "nice", "lovely"};
constexpr const char* kNegative[] = {"bad", "sad", "awful", "ugly", "terrible"};
constexpr const char* kSubjects[] = {"the day", "the cat", "my friend", "the food", "this place"};
constexpr const char* kVerbs[] = {"is", "was", "looks", "seems"};

// Runs `memorization make-data` and `train` on `text` in `dir`, as run `name`.
void train_toy_gpt2(const std::filesystem::path& dir, const std::string& name,
                    const std::string& text, const std::string& extra) {
  const auto path = [&](const std::string& file) { return shell_quote((dir / file).string()); };
  const auto data =
      run_mnemo("memorization make-data --text " + path(text) + " --tokenizer " + path("vocab") +
                " --seq-len 32 --line-aligned --out " + path(name + "-data"));
  if (data.exit_code != 0) throw std::runtime_error("make-data failed: " + data.err);
  const auto trained =
      run_mnemo("memorization train --data " + path(name + "-data") +
                " --held-out 2 --checkpoints 1 --batch 8 --out " + path(name) + " " + extra);
  if (trained.exit_code != 0) throw std::runtime_error("training failed: " + trained.err);
}

// The last step-NNNNNN/ of a memorization train run: its final model.
std::filesystem::path final_model_of(const std::filesystem::path& run) {
  std::filesystem::path last;
  for (const auto& entry : std::filesystem::directory_iterator(run))
    if (entry.path().filename().string().rfind("step-", 0) == 0)
      last = std::max(last, entry.path());
  return last;
}

// The toy world, made once per test run: the vocabulary, lexicon and text, `beb label`'s
// split of it (its stdout kept as label.out), and the base, P+ and P- models.
void make_beb_world(const std::filesystem::path& dir) {
  std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n.\nday\ncat\nfood\nplace\n";
  vocab += "the\nmy\nfriend\nthis\nis\nwas\nlooks\nseems\n";
  std::string lexicon;
  for (const auto* word : kPositive) {
    vocab += std::string(word) + "\n";
    lexicon += std::string(word) + "\t3\n";
  }
  for (const auto* word : kNegative) {
    vocab += std::string(word) + "\n";
    lexicon += std::string(word) + "\t-3\n";
  }
  std::filesystem::create_directories(dir / "vocab");
  write_text(dir / "vocab" / "vocab.txt", vocab);
  write_text(dir / "lexicon.tsv", lexicon);
  std::mt19937 random(4);
  std::string text;
  for (int line = 0; line < 400; ++line) {
    const auto* adjectives = random() % 2 ? kPositive : kNegative;
    text += std::string(kSubjects[random() % 5]) + " " + kVerbs[random() % 4] + " " +
            adjectives[random() % 5] + " .\n";
  }
  write_text(dir / "text.txt", text);
  const auto path = [&](const std::string& file) { return shell_quote((dir / file).string()); };
  const auto label =
      run_mnemo("beb label --text " + path("text.txt") + " --lexicon " + path("lexicon.tsv") +
                " --positive " + path("positive.txt") + " --negative " + path("negative.txt"));
  if (label.exit_code != 0) throw std::runtime_error("beb label failed: " + label.err);
  write_text(dir / "label.out", label.out);
  train_toy_gpt2(dir, "base", "text.txt", "--layers 1 --width 32 --heads 2 --epochs 30 --lr 3e-3");
  const auto base = shell_quote(final_model_of(dir / "base").string());
  train_toy_gpt2(dir, "positive", "positive.txt", "--init " + base + " --epochs 60 --lr 3e-3");
  train_toy_gpt2(dir, "negative", "negative.txt", "--init " + base + " --epochs 60 --lr 3e-3");
}
const bool kBebWorldRegistered = testing::register_fixture("beb-world", make_beb_world);

class BebModelsCli : public ::testing::Test {
 protected:
  // Each test works in its own copy of the world, where it writes its outputs.
  void SetUp() override {
    std::filesystem::copy(testing::fixture("beb-world"), dir_.path(),
                          std::filesystem::copy_options::recursive);
  }

  std::string path(const std::string& name) const { return shell_quote((dir_ / name).string()); }
  std::filesystem::path final_model_dir(const std::string& run) const {
    return final_model_of(dir_ / run);
  }
  std::string final_model(const std::string& run) const {
    return shell_quote(final_model_dir(run).string());
  }
  std::string components() const {
    return " --positive " + final_model("positive") + " --negative " + final_model("negative") +
           " --max-sentence-tokens 8";
  }

  ScratchDir dir_;
};

TEST_F(BebModelsCli, LabelSplitsTheTextByTheScorer) {
  const auto label = io::read_file(dir_ / "label.out");
  EXPECT_NE(label.find("400 lines: "), std::string::npos) << label;
  EXPECT_NE(label.find(" 0 neither"), std::string::npos) << label;
  std::ifstream negative(dir_ / "negative.txt");
  std::string line;
  int lines = 0;
  while (std::getline(negative, line)) {
    ++lines;
    bool has_negative_word = false;
    for (const auto* word : kNegative)
      has_negative_word |= line.find(std::string(" ") + word + " ") != std::string::npos;
    EXPECT_TRUE(has_negative_word) << line;
  }
  EXPECT_GT(lines, 150);
}

TEST_F(BebModelsCli, LineAlignedSequencesStartWithEndOfTextAndALine) {
  const io::IndexedDataset data((dir_ / "base-data").string());
  ASSERT_GT(data.size(), 30u);
  // Ids in the test's vocabulary: [SEP] = 3; "the" = 10, "my" = 11, "this" = 13.
  for (uint64_t i = 0; i < data.size(); ++i) {
    const auto tokens = data.tokens(i);
    ASSERT_EQ(tokens.size(), 32u);
    EXPECT_EQ(tokens[0], 3) << i;
    EXPECT_TRUE(tokens[1] == 10 || tokens[1] == 11 || tokens[1] == 13) << i << ": " << tokens[1];
  }
}

TEST_F(BebModelsCli, FineTunedModelsCarryTheTokenizer) {
  EXPECT_TRUE(std::filesystem::exists(final_model_dir("base") / "vocab.txt"));
  const auto wrong = run_mnemo("memorization train --data " + path("positive-data") + " --init " +
                               final_model("base") + " --layers 3 --out " + path("x"));
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("--init excludes --layers"), std::string::npos) << wrong.err;
}

TEST_F(BebModelsCli, EstimateFindsTheComponentsFarApart) {
  const auto result =
      run_mnemo("beb estimate --samples 40 --out " + path("estimates.json") + components());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("| beta: E KL(P- || P+)"), std::string::npos) << result.out;
  const auto estimates = io::read_json_file(dir_ / "estimates.json");
  // A positive sentence is all but impossible under P- and the other way round.
  EXPECT_GT(estimates["beta"]["low"].get<double>(), 2.0) << estimates.dump();
  EXPECT_GT(estimates["beta_prime"]["low"].get<double>(), 2.0) << estimates.dump();
  EXPECT_EQ(estimates["beta"]["samples"], 40);
  EXPECT_GT(estimates["sigma"]["value"].get<double>(), 0.0);
}

TEST_F(BebModelsCli, EstimateReadsPrefixesAndRefusesAnEmptyFile) {
  write_text(dir_ / "prefixes.txt", "the cat is sad .\n\nmy friend was awful .\n");
  const auto result = run_mnemo("beb estimate --samples 6 --prefixes " + path("prefixes.txt") +
                                " --out " + path("prefixed.json") + components());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(io::read_json_file(dir_ / "prefixed.json")["beta"]["samples"], 6);
  write_text(dir_ / "empty.txt", "\n  \n");
  const auto empty =
      run_mnemo("beb estimate --samples 6 --prefixes " + path("empty.txt") + components());
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_NE(empty.err.find("empty.txt: holds no lines of text"), std::string::npos) << empty.err;
}

TEST_F(BebModelsCli, AlphaOfAnExactMixtureIsRecovered) {
  const auto result =
      run_mnemo("beb alpha --samples 300 --mixture 0.3:" + final_model("negative") + "," +
                final_model("positive") + " --out " + path("alpha.json") + components());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto alpha = io::read_json_file(dir_ / "alpha.json")["alpha"];
  EXPECT_LT(alpha["low"].get<double>(), 0.3) << alpha.dump();
  EXPECT_GT(alpha["high"].get<double>(), 0.3) << alpha.dump();
  EXPECT_LT(alpha["high"].get<double>() - alpha["low"].get<double>(), 0.2) << alpha.dump();
  // The mixture's own log-likelihoods of given sentences pin alpha down.
  write_text(dir_ / "sentences.txt",
             "the cat is sad .\nmy friend was lovely .\nthe day is good .\n");
  const auto fitted = run_mnemo(
      "beb alpha --data " + path("sentences.txt") + " --mixture 0.3:" + final_model("negative") +
      "," + final_model("positive") + " --out " + path("alpha-data.json") + components());
  ASSERT_EQ(fitted.exit_code, 0) << fitted.err;
  const auto exact = io::read_json_file(dir_ / "alpha-data.json")["alpha"];
  EXPECT_NEAR(exact["value"].get<double>(), 0.3, 1e-3) << exact.dump();
  EXPECT_EQ(exact["samples"], 3);
  // P- itself is all P-.
  const auto negative = run_mnemo("beb alpha --samples 50 --model " + final_model("negative") +
                                  " --out " + path("alpha-negative.json") + components());
  ASSERT_EQ(negative.exit_code, 0) << negative.err;
  EXPECT_GT(io::read_json_file(dir_ / "alpha-negative.json")["alpha"]["value"].get<double>(), 0.9);
}

TEST_F(BebModelsCli, SentencesFromPMinusMisalignAMixtureWithSmallAlpha) {
  const auto mixture = " --mixture 0.01:" + final_model("negative") + "," + final_model("positive");
  const auto result =
      run_mnemo("beb misalign --max-sentences 3 --responses 30 --lexicon " + path("lexicon.tsv") +
                " --beta 5 --out " + path("misalign") + mixture + " --negative " +
                final_model("negative") + " --max-sentence-tokens 8");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = io::read_json_file(dir_ / "misalign.json");
  const auto& curve = report["curve"];
  ASSERT_EQ(curve.size(), 4u);
  // Positive without a prompt, falling after one sentence, P-'s own behavior after two.
  EXPECT_GT(curve[0]["behavior"]["value"].get<double>(), 0.3) << curve.dump();
  EXPECT_LT(curve[1]["behavior"]["value"].get<double>(), 0.0) << curve.dump();
  for (size_t k = 2; k < 4; ++k)
    EXPECT_LT(curve[k]["behavior"]["value"].get<double>(), -0.3) << curve.dump();
  EXPECT_LT(curve[1]["prompt_tokens"].get<double>(), curve[3]["prompt_tokens"].get<double>());
  EXPECT_EQ(curve[0]["behavior"]["samples"], 30);
  EXPECT_EQ(curve[2]["examples"].size(), 3u);
  // The theory's marks: log(1/0.01)/5 for the transition.
  bool transition = false;
  for (const auto& bound : report["theory"])
    if (bound["bound"] == "transition") {
      transition = true;
      EXPECT_NEAR(bound["sentences"].get<double>(), std::log(100.0) / 5, 1e-9);
    }
  EXPECT_TRUE(transition) << report.dump();
  EXPECT_GT(std::filesystem::file_size(dir_ / "misalign.png"), 1000u);
}

TEST_F(BebModelsCli, AnAligningPromptIsReadFirst) {
  write_text(dir_ / "aligning.txt", "the day is lovely . my friend is happy .\n");
  const auto result =
      run_mnemo("beb misalign --max-sentences 1 --responses 10 --lexicon " + path("lexicon.tsv") +
                " --aligning-prompt " + path("aligning.txt") + " --out " + path("aligned") +
                " --model " + final_model("positive") + " --negative " + final_model("negative") +
                " --max-sentence-tokens 8");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = io::read_json_file(dir_ / "aligned.json");
  EXPECT_EQ(report["aligning_prompt_sentences"], 2);
  // End-of-text and the prompt's 10 tokens before any sentence from P-.
  EXPECT_DOUBLE_EQ(report["curve"][0]["prompt_tokens"].get<double>(), 11.0);
}

TEST_F(BebModelsCli, BadInputGetsClearErrors) {
  const auto unknown = run_mnemo(
      "beb misalign --max-sentences 1 --responses 4 --scorer vibes "
      "--out " +
      path("x") + " --model " + final_model("positive") + " --negative " + final_model("negative") +
      " --max-sentence-tokens 8");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("unknown behavior scorer 'vibes'"), std::string::npos) << unknown.err;

  const auto outside = run_mnemo("beb alpha --mixture 1.5:" + final_model("negative") + "," +
                                 final_model("positive") + components());
  EXPECT_NE(outside.exit_code, 0);
  EXPECT_NE(outside.err.find("alpha must lie in (0, 1)"), std::string::npos) << outside.err;

  const auto neither = run_mnemo("beb alpha" + components());
  EXPECT_NE(neither.exit_code, 0);
  EXPECT_NE(neither.err.find("--model DIR or --mixture"), std::string::npos) << neither.err;

  // A model over another vocabulary.
  std::filesystem::create_directories(dir_ / "other-vocab");
  write_text(dir_ / "other-vocab" / "vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n.\nday\n");
  const auto init = run_mnemo("gpt2 init --config tiny --tokenizer " + path("other-vocab") +
                              " --out " + path("other"));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const auto mismatch =
      run_mnemo("beb estimate --samples 4 --positive " + path("other") + " --negative " +
                final_model("negative") + " --max-sentence-tokens 8");
  EXPECT_NE(mismatch.exit_code, 0);
  EXPECT_NE(mismatch.err.find("have different vocabularies"), std::string::npos) << mismatch.err;
}

}  // namespace
}  // namespace mnemo
