#include "mnemo/core/error.h"
#include "mnemo/text/sentencepiece_tokenizer.h"
#include "test_support.h"

namespace mnemo::text {
namespace {

// A small corpus the tokenizer can learn 60 pieces from.
std::filesystem::path write_corpus(const testing::ScratchDir& dir) {
  const char* names[] = {"Mary", "John", "Daniel", "Sandra"};
  const char* places[] = {"bathroom", "hallway", "garden", "office", "bedroom", "kitchen"};
  const char* verbs[] = {"moved", "went", "journeyed", "travelled"};
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += std::string(names[i % 4]) + " " + verbs[(i / 4) % 4] + " to the " +
            places[(i / 16) % 6] + " before the " + std::to_string(i % 97) + " bells rang.\n";
  testing::write_text(dir / "corpus.txt", text);
  return dir / "corpus.txt";
}

TEST(SentencePiece, TrainsSavesAndLoadsWithBertSpecialTokens) {
  testing::ScratchDir dir;
  SentencePieceTrainOptions options;
  options.inputs = {write_corpus(dir)};
  options.vocab_size = 60;
  const auto trained = SentencePieceTokenizer::train(options);
  EXPECT_EQ(trained->vocab_size(), 60);
  EXPECT_EQ(trained->special_tokens().pad, 0);
  EXPECT_EQ(trained->special_tokens().unk, 1);
  ASSERT_TRUE(trained->special_tokens().cls && trained->special_tokens().sep &&
              trained->special_tokens().mask);
  EXPECT_FALSE(trained->token_id("no-such-piece").has_value());

  const std::string sentence = "Mary travelled to the kitchen.";
  const auto ids = trained->encode(sentence);
  const auto pieces = trained->tokenize(sentence);
  ASSERT_EQ(ids.size(), pieces.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(trained->token(ids[i]), pieces[i]);
  // Control symbols are never produced from text.
  for (int64_t id : trained->encode("[CLS] Mary")) EXPECT_NE(id, *trained->special_tokens().cls);

  trained->save(dir.path());
  const auto loaded = load_tokenizer(dir.path());
  EXPECT_EQ(loaded->encode(sentence), ids);
  EXPECT_EQ(loaded->encode_with_special_tokens(sentence).front(), *trained->special_tokens().cls);
}

TEST(SentencePiece, ACorruptModelFileIsAnErrorNamingIt) {
  testing::ScratchDir dir;
  testing::write_text(dir / "tokenizer.model", "this is not a protobuf");
  try {
    load_tokenizer(dir.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("tokenizer.model"), std::string::npos) << e.what();
  }
}

TEST(SentencePiece, MissingTrainingInputIsAnError) {
  SentencePieceTrainOptions options;
  options.inputs = {"/nonexistent/corpus.txt"};
  EXPECT_THROW(SentencePieceTokenizer::train(options), Error);
}

}  // namespace
}  // namespace mnemo::text
