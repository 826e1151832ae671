// `mnemo encode` as a library call: checks of the input, and hidden states of a directory.
#include "mnemo/nn/bert_encoding.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mnemo/nn/model_init.h"
#include "task_world.h"

namespace mnemo::nn {
namespace {

using testing::error_of;
using testing::TaskWorld;

TEST(BertEncoding, TextGetsClsAndSepAndEveryTokenARow) {
  const TaskWorld world;
  const auto model = (world.dir / "bert").string();
  init_bert({"tiny", world.tokenizer_dir.string(), model, 0});
  const auto encoding = encode_with_bert({model, {}, "Where is Mary?", {}});
  const auto& special = world.tokenizer->special_tokens();
  ASSERT_EQ(encoding.input_ids.size(), 6u);
  EXPECT_EQ(encoding.input_ids.front(), *special.cls);
  EXPECT_EQ(encoding.input_ids.back(), *special.sep);
  ASSERT_EQ(encoding.last_hidden_state.size(), 6u);
  EXPECT_EQ(encoding.last_hidden_state[0].size(), 64u);  // tiny: d = 64
  // Token types change the numbers; the same input gives the same numbers.
  const auto ids = encoding.input_ids;
  const auto typed = encode_with_bert({model, ids, "", {0, 0, 0, 1, 1, 1}});
  EXPECT_EQ(encode_with_bert({model, ids, "", {}}).last_hidden_state, encoding.last_hidden_state);
  EXPECT_NE(typed.last_hidden_state, encoding.last_hidden_state);
  EXPECT_EQ(encoding.to_json()["input_ids"], ids);
}

TEST(BertEncoding, BadInputsAreErrorsNamingTheFlag) {
  const TaskWorld world;
  const auto model = (world.dir / "bert").string();
  init_bert({"tiny", world.tokenizer_dir.string(), model, 0});
  EXPECT_NE(error_of([&] {
              encode_with_bert({model, {}, "", {}});
            }).find("--ids or --text"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              encode_with_bert({model, {5, 6}, "", {0}});
            }).find("--token-type-ids has 1 values for 2 tokens"),
            std::string::npos);
}

}  // namespace
}  // namespace mnemo::nn
