#include "mnemo/text/wordpiece.h"

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::text {
namespace {

using Pieces = std::vector<std::string>;

std::vector<std::string> vocabulary() {
  return {"[PAD]",  "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "un",   "##aff",
          "##able", "!",     ",",     ".",     "a",      "##a",   "the",   "cafe", "café",
          "Café",   "你",    "好",    "play",  "##ing",  "##s",   "b",     "¿",    "HELLO"};
}

WordPieceTokenizer lowercase_tokenizer() {
  return WordPieceTokenizer(vocabulary(), WordPieceOptions{});
}

WordPieceTokenizer cased_tokenizer() {
  WordPieceOptions options;
  options.do_lower_case = false;
  return WordPieceTokenizer(vocabulary(), options);
}

TEST(WordPiece, GreedyLongestMatchFirstWithContinuations) {
  EXPECT_EQ(lowercase_tokenizer().tokenize("unaffable playing plays"),
            (Pieces{"un", "##aff", "##able", "play", "##ing", "play", "##s"}));
}

TEST(WordPiece, AWordWithAnUnmatchableStretchIsOneUnknown) {
  EXPECT_EQ(lowercase_tokenizer().tokenize("unaffxble hello"), (Pieces{"[UNK]", "hello"}));
}

TEST(WordPiece, WordsOver100CharactersAreUnknown) {
  const auto tokenizer = lowercase_tokenizer();
  EXPECT_EQ(tokenizer.tokenize(std::string(100, 'a')).size(), 100u);
  EXPECT_EQ(tokenizer.tokenize(std::string(101, 'a')), (Pieces{"[UNK]"}));
}

TEST(WordPiece, SplitsOnEveryPunctuationCharacter) {
  const auto tokenizer = lowercase_tokenizer();
  EXPECT_EQ(tokenizer.tokenize("hello,world!"), (Pieces{"hello", ",", "world", "!"}));
  // ASCII symbols count as punctuation even where Unicode says otherwise ($ is Sc, ^ is Sk).
  EXPECT_EQ(tokenizer.basic_tokenize("a$b^c"), (Pieces{"a", "$", "b", "^", "c"}));
  EXPECT_EQ(tokenizer.basic_tokenize("¿hello…"), (Pieces{"¿", "hello", "…"}));
}

TEST(WordPiece, LowercasesAndStripsAccentsOnlyWhenAsked) {
  EXPECT_EQ(lowercase_tokenizer().basic_tokenize("Café HELLO Ñandú"),
            (Pieces{"cafe", "hello", "nandu"}));
  EXPECT_EQ(cased_tokenizer().basic_tokenize("Café HELLO"), (Pieces{"Café", "HELLO"}));
  WordPieceOptions keep_accents;
  keep_accents.strip_accents = false;
  EXPECT_EQ(WordPieceTokenizer(vocabulary(), keep_accents).basic_tokenize("Café"),
            (Pieces{"café"}));
}

TEST(WordPiece, CleansControlCharactersAndNormalisesWhitespace) {
  const auto tokenizer = lowercase_tokenizer();
  EXPECT_EQ(
      tokenizer.basic_tokenize(std::string("hel\x01lo\tworld\n") + std::string(1, '\0') + "a"),
      (Pieces{"hello", "world", "a"}));
  EXPECT_EQ(tokenizer.basic_tokenize("hello\xEF\xBF\xBDworld"),
            (Pieces{"helloworld"}));  // U+FFFD dropped
  EXPECT_EQ(tokenizer.basic_tokenize("hello\xC2\xA0world"),
            (Pieces{"hello", "world"}));  // no-break space
  EXPECT_EQ(tokenizer.basic_tokenize("hello\xE2\x80\xA8world"),
            (Pieces{"hello", "world"}));  // U+2028
  EXPECT_EQ(tokenizer.basic_tokenize("a\xE2\x80\x8B"
                                     "b"),
            (Pieces{"ab"}));  // zero-width space is Cf
}

TEST(WordPiece, IsolatesCjkIdeographs) {
  EXPECT_EQ(lowercase_tokenizer().tokenize("a你好b"), (Pieces{"a", "你", "好", "b"}));
  WordPieceOptions no_cjk;
  no_cjk.tokenize_chinese_chars = false;
  EXPECT_EQ(WordPieceTokenizer(vocabulary(), no_cjk).basic_tokenize("a你好b"), (Pieces{"a你好b"}));
}

TEST(WordPiece, ComposesToNfcBeforeMatching) {
  EXPECT_EQ(cased_tokenizer().tokenize("cafe\xCC\x81"), (Pieces{"café"}));  // e + combining acute
}

TEST(WordPiece, KeepsSpecialTokensWholeAndUncased) {
  const auto tokenizer = lowercase_tokenizer();
  EXPECT_EQ(tokenizer.tokenize("[CLS] Hello [MASK]. world[SEP]"),
            (Pieces{"[CLS]", "hello", "[MASK]", ".", "world", "[SEP]"}));
  EXPECT_EQ(tokenizer.encode_with_special_tokens("hello world"),
            (std::vector<int64_t>{2, 5, 6, 3}));
  EXPECT_EQ(*tokenizer.special_tokens().mask, 4);
}

TEST(WordPiece, ReadsVocabularyAndConfigFromADirectory) {
  testing::ScratchDir dir;
  std::string vocabulary_text;
  for (const auto& piece : vocabulary()) vocabulary_text += piece + "\n";
  testing::write_text(dir / "vocab.txt", vocabulary_text);
  testing::write_text(
      dir / "tokenizer_config.json",
      R"({"do_lower_case": false, "unk_token": {"content": "[UNK]", "lstrip": false}})");
  auto tokenizer = load_tokenizer(dir.path());
  EXPECT_EQ(tokenizer->tokenize("HELLO hello"), (Pieces{"HELLO", "hello"}));
  EXPECT_EQ(tokenizer->vocab_size(), static_cast<int64_t>(vocabulary().size()));
  EXPECT_EQ(tokenizer->token(5), "hello");
  EXPECT_THROW(tokenizer->token(999), Error);

  testing::ScratchDir saved;
  tokenizer->save(saved.path());
  EXPECT_EQ(load_tokenizer(saved.path())->tokenize("HELLO hello"), (Pieces{"HELLO", "hello"}));
}

TEST(WordPiece, AVocabularyWithoutItsUnknownTokenIsRefused) {
  testing::ScratchDir dir;
  testing::write_text(dir / "vocab.txt", "a\nb\n");
  try {
    load_tokenizer(dir.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("vocab.txt"), std::string::npos) << e.what();
  }
  testing::ScratchDir empty;
  EXPECT_THROW(load_tokenizer(empty.path()), Error);
}

}  // namespace
}  // namespace mnemo::text
