// mnemo gpt2 init and mnemo generate on the command line: flags, exit codes, what they print.
// What generation computes is tested on the library (tests/lm/text_generation_test.cpp).
#include "mnemo/io/json_file.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

// A WordPiece tokenizer directory of a few words; returns its vocabulary size.
int write_tokenizer(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::vector<std::string> words = {"[PAD]", "[UNK]",  "[CLS]",  "[SEP]", "[MASK]",
                                          ".",     "mary",   "john",   "went",  "to",
                                          "the",   "garden", "office", "hi"};
  std::string vocab;
  for (const auto& word : words) vocab += word + "\n";
  testing::write_text(dir / "vocab.txt", vocab);
  return static_cast<int>(words.size());
}

TEST(Gpt2Cli, InitThenGenerateAsTextAndAsJson) {
  const ScratchDir dir;
  const int vocabulary = write_tokenizer(dir / "tokenizer");
  const auto model = dir / "tiny-gpt2";
  const auto init = run_mnemo("gpt2 init --config tiny --seed 3 --tokenizer " +
                              shell_quote((dir / "tokenizer").string()) + " --out " +
                              shell_quote(model.string()));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.out, "wrote " + model.string() + ": GPT-2 tiny, 2 layers, d=64, vocabulary " +
                          std::to_string(vocabulary) + "\n");
  auto generate = [&](const std::string& options) {
    return run_mnemo("generate --model " + shell_quote(model.string()) +
                     " --prompt 'mary went to the' --max-new-tokens 12 " + options);
  };
  const auto json = generate("--json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto result = nlohmann::json::parse(json.out);
  for (const char* key : {"prompt", "completion", "prompt_tokens", "tokens", "ended_with_eos",
                          "seconds", "tokens_per_s"})
    EXPECT_TRUE(result.contains(key)) << key;
  EXPECT_EQ(result["prompt"], "mary went to the");

  // As text: the prompt, then the completion as it comes, then a line on stderr.
  const auto plain = generate("");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, "mary went to the" + result["completion"].get<std::string>() + "\n");
  EXPECT_NE(plain.err.find(" tokens in "), std::string::npos) << plain.err;
}

TEST(Gpt2Cli, SamplingOptionsNeedSampleAndABertDirectoryIsRefused) {
  const ScratchDir dir;
  const int vocabulary = write_tokenizer(dir / "tokenizer");
  const auto bert = dir / "bert";
  const auto bare = run_mnemo("generate --model " + shell_quote((dir / "tokenizer").string()) +
                              " --prompt hi --top-k 5");
  EXPECT_NE(bare.exit_code, 0);
  EXPECT_NE(bare.err.find("--sample"), std::string::npos) << bare.err;

  const auto init =
      run_mnemo("bert init --config tiny --tokenizer " + shell_quote((dir / "tokenizer").string()) +
                " --out " + shell_quote(bert.string()));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.out, "wrote " + bert.string() + ": BERT tiny, 2 layers, d=64, vocabulary " +
                          std::to_string(vocabulary) + "\n");
  const auto refused = run_mnemo("generate --model " + shell_quote(bert.string()) + " --prompt hi");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not a GPT-2"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace mnemo
