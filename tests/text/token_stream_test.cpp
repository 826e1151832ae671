#include "mnemo/text/token_stream.h"

#include <gtest/gtest.h>

#include <fstream>

#include "mnemo/core/error.h"
#include "task_world.h"

namespace mnemo::text {
namespace {

using testing::TaskWorld;

// Blocks of any size, cut at whitespace, give the ids of tokenizing each line whole.
TEST(TokenStream, BlocksGiveTheIdsOfWholeLines) {
  const TaskWorld world;
  const auto second = world.dir / "second.txt";
  testing::write_text(second, "Mary went to the kitchen.\n\nWhere is Mary?");
  std::vector<int32_t> expected;
  for (const auto& file : {world.noise_file, second}) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
      for (const int64_t id : world.tokenizer->encode(line)) expected.push_back(int32_t(id));
  }
  ASSERT_GT(expected.size(), 500u);
  for (const size_t block : {3, 64, 1 << 20}) {
    std::vector<int32_t> streamed;
    uint64_t last_bytes = 0;
    tokenize_files(
        {world.noise_file, second}, *world.tokenizer,
        [&](const std::vector<int32_t>& ids, uint64_t bytes) {
          streamed.insert(streamed.end(), ids.begin(), ids.end());
          EXPECT_GE(bytes, last_bytes);
          last_bytes = bytes;
        },
        block);
    EXPECT_EQ(streamed, expected) << "blocks of " << block;
    EXPECT_EQ(last_bytes, total_bytes({world.noise_file, second}));
  }
}

TEST(TokenStream, MissingFileIsAnErrorNamingIt) {
  const TaskWorld world;
  try {
    tokenize_files({world.dir / "absent.txt"}, *world.tokenizer, [](const auto&, uint64_t) {});
    FAIL() << "a missing file was accepted";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("absent.txt"), std::string::npos);
  }
  EXPECT_THROW(total_bytes({world.dir / "absent.txt"}), Error);
}

}  // namespace
}  // namespace mnemo::text
