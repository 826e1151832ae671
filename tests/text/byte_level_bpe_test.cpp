#include "mnemo/text/byte_level_bpe.h"

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/text/gpt2_pretokenizer.h"
#include "test_support.h"

namespace mnemo::text {
namespace {

using testing::ScratchDir;

// The tokenizer and the tokenizations of tests/reference/gpt2_reference.py (OpenAI's
// algorithm with the `regex` module), written once per test run.
class BpeReference : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::reference_outputs("gpt2_reference.py");
    cases_ = io::read_json_file(dir_ / "expected.json")["tokenization"];
  }
  std::filesystem::path tokenizer_dir() const { return dir_ / "tokenizer"; }
  std::filesystem::path dir_;
  nlohmann::json cases_;
};

TEST_F(BpeReference, PreTokenizationSplitsAsThePythonRegex) {
  ASSERT_GE(cases_.size(), 10u);
  for (const auto& c : cases_) {
    const auto text = c["text"].get<std::string>();
    const auto pieces = gpt2_pretokenize(text);
    EXPECT_EQ(std::vector<std::string>(pieces.begin(), pieces.end()),
              c["regex_pieces"].get<std::vector<std::string>>())
        << text;
  }
}

TEST_F(BpeReference, PiecesIdsAndDecodingMatchOpenAisAlgorithm) {
  const ByteLevelBpeTokenizer tokenizer(tokenizer_dir());
  for (const auto& c : cases_) {
    const auto text = c["text"].get<std::string>();
    EXPECT_EQ(tokenizer.tokenize(text), c["pieces"].get<std::vector<std::string>>()) << text;
    const auto ids = tokenizer.encode(text);
    EXPECT_EQ(ids, c["ids"].get<std::vector<int64_t>>()) << text;
    EXPECT_EQ(tokenizer.decode(ids), text);
  }
}

TEST_F(BpeReference, SavedTokenizerEncodesTheSame) {
  const ByteLevelBpeTokenizer tokenizer(tokenizer_dir());
  ScratchDir copy;
  tokenizer.save(copy.path());
  const auto reloaded = load_tokenizer(copy.path());
  EXPECT_EQ(reloaded->vocab_size(), tokenizer.vocab_size());
  for (const auto& c : cases_)
    EXPECT_EQ(reloaded->encode(c["text"].get<std::string>()), c["ids"].get<std::vector<int64_t>>());
}

TEST_F(BpeReference, AddedTokensAreSplitOutWhole) {
  ScratchDir dir;
  for (const char* file : {"vocab.json", "merges.txt"})
    std::filesystem::copy_file(tokenizer_dir() / file, dir / file);
  const ByteLevelBpeTokenizer base(dir.path());
  const int64_t next = base.vocab_size();
  testing::write_text(dir / "added_tokens.json", "{\"[GEN]\": " + std::to_string(next) + "}");
  const ByteLevelBpeTokenizer tokenizer(dir.path());
  EXPECT_EQ(tokenizer.vocab_size(), next + 1);
  const auto ids = tokenizer.encode("Where is Mary?[GEN]kitchen");
  EXPECT_EQ(std::count(ids.begin(), ids.end(), next), 1);
  EXPECT_EQ(tokenizer.decode(ids), "Where is Mary?[GEN]kitchen");
}

TEST(ByteLevelBpe, BytesAreSpelledWithGpt2sPrintableCharacters) {
  EXPECT_EQ(bytes_to_unicode(" "), "\u0120");   // Ġ
  EXPECT_EQ(bytes_to_unicode("\n"), "\u010A");  // Ċ
  EXPECT_EQ(bytes_to_unicode("a!"), "a!");
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(unicode_to_bytes(bytes_to_unicode(all), "test"), all);
  EXPECT_THROW(unicode_to_bytes("\u4E2D", "test"), Error);
}

TEST(ByteLevelBpe, InvalidUtf8IsKeptByteForByte) {
  const std::string text = "ok \xFF\xFE bytes";
  std::string joined;
  for (const auto piece : gpt2_pretokenize(text)) joined += piece;
  EXPECT_EQ(joined, text);
}

TEST(ByteLevelBpe, MalformedFilesAreErrorsNamingFileAndLine) {
  ScratchDir dir;
  testing::write_text(dir / "vocab.json", "{\"a\": 0, \"b\": 1, \"ab\": 2}");
  testing::write_text(dir / "merges.txt", "#version: 0.2\na b\nab\n");
  try {
    ByteLevelBpeTokenizer tokenizer(dir.path());
    FAIL() << "accepted a merges line with one token";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("merges.txt"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  }
  testing::write_text(dir / "merges.txt", "a b\n");
  testing::write_text(dir / "vocab.json", "[\"a\", \"b\"]");
  EXPECT_THROW(ByteLevelBpeTokenizer tokenizer(dir.path()), Error);
  testing::write_text(dir / "vocab.json", "{\"a\": 0, \"b\": 0}");
  EXPECT_THROW(ByteLevelBpeTokenizer tokenizer(dir.path()), Error);
}

}  // namespace
}  // namespace mnemo::text
