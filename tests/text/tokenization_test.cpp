// `mnemo tokenize` and `mnemo tokenizer train` as library calls.
#include "mnemo/text/tokenization.h"

#include "test_support.h"

namespace mnemo::text {
namespace {

using testing::ScratchDir;
using testing::write_text;

TEST(Tokenization, PiecesAndIdsUnderADirectorysTokenizer) {
  const ScratchDir dir;
  write_text(dir / "vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nwhere\nis\nmary\n?\n");
  const auto tokens = tokenize_text(dir.path(), "Where is Mary?");
  EXPECT_EQ(tokens.pieces, (std::vector<std::string>{"where", "is", "mary", "?"}));
  EXPECT_EQ(tokens.ids, (std::vector<int64_t>{5, 6, 7, 8}));
  EXPECT_EQ(tokens.to_json().dump(), R"({"ids":[5,6,7,8],"pieces":["where","is","mary","?"]})");
}

TEST(Tokenization, TrainsASentencePieceTokenizerIntoADirectory) {
  const ScratchDir dir;
  std::string text;
  const char* places[] = {"bathroom", "hallway", "garden", "office", "bedroom", "kitchen"};
  for (int i = 0; i < 2000; ++i)
    text += std::string("Mary went to the ") + places[i % 6] + " before " + std::to_string(i % 97) +
            " bells.\n";
  write_text(dir / "corpus.txt", text);
  TokenizerTrainSettings settings;
  settings.inputs = {(dir / "corpus.txt").string()};
  settings.out = (dir / "made" / "tokenizer").string();
  settings.options.vocab_size = 40;  // this corpus yields at most 55 pieces
  const auto trained = train_tokenizer(settings);
  EXPECT_EQ(trained.model_file, dir / "made" / "tokenizer" / SentencePieceTokenizer::kModelFile);
  EXPECT_TRUE(std::filesystem::exists(trained.model_file));
  EXPECT_EQ(trained.pieces, 40);
  EXPECT_GE(trained.seconds, 0.0);
  EXPECT_EQ(load_tokenizer(settings.out)->vocab_size(), 40);
}

}  // namespace
}  // namespace mnemo::text
