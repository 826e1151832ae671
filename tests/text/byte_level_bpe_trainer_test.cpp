#include "mnemo/text/byte_level_bpe_trainer.h"

#include <gtest/gtest.h>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/byte_level_bpe.h"
#include "test_support.h"

namespace mnemo::text {
namespace {

TEST(ByteLevelBpeTrainer, LearnsFrequentPiecesThatTheTokenizerReadsBack) {
  const std::vector<std::string> texts = {"the jig in D major", "the reel in G major",
                                          "the jig in A minor", "naïve café — 中文"};
  BpeTrainingOptions options;
  options.vocab_size = 300;
  options.special_tokens = {"<s>", "<pad>", "</s>"};
  testing::ScratchDir dir;
  train_byte_level_bpe(texts, options, dir / "a");
  train_byte_level_bpe(texts, options, dir / "b");
  EXPECT_EQ(io::read_file(dir / "a" / "merges.txt"), io::read_file(dir / "b" / "merges.txt"));

  const ByteLevelBpeTokenizer tokenizer(dir / "a");
  EXPECT_EQ(tokenizer.token_id("<s>"), 0);
  EXPECT_EQ(tokenizer.token_id("<pad>"), 1);
  EXPECT_EQ(tokenizer.token_id("</s>"), 2);
  EXPECT_LE(tokenizer.vocab_size(), 300);
  EXPECT_GT(tokenizer.vocab_size(), 3 + 256);  // some merges were learnt
  const std::vector<std::string> major = {"Ġmajor"};
  EXPECT_EQ(tokenizer.tokenize(" major"), major);  // seen 2 times: one piece
  for (const auto& text : texts) EXPECT_EQ(tokenizer.decode(tokenizer.encode(text)), text);
  // Unseen text still encodes, byte by byte at worst.
  EXPECT_EQ(tokenizer.decode(tokenizer.encode("zzz qqq")), "zzz qqq");
}

TEST(ByteLevelBpeTrainer, AVocabularySmallerThanTheBytesIsAnError) {
  testing::ScratchDir dir;
  BpeTrainingOptions options;
  options.vocab_size = 100;
  EXPECT_THROW(train_byte_level_bpe({"text"}, options, dir / "t"), Error);
}

}  // namespace
}  // namespace mnemo::text
