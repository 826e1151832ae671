// mnemo gpt2 init and mnemo generate end to end.
#include "mnemo/io/json_file.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

TEST(Gpt2Cli, GenerateGivesTheSameTokensWithAndWithoutTheCache) {
  ScratchDir dir;
  testing::run_python_reference("gpt2_reference.py", dir.path());
  const auto model = dir / "tiny-gpt2";
  const auto init = run_mnemo("gpt2 init --config tiny --seed 3 --tokenizer " +
                              shell_quote((dir / "tokenizer").string()) + " --out " +
                              shell_quote(model.string()));
  ASSERT_EQ(init.exit_code, 0) << init.err;
  auto generate = [&](const std::string& options) {
    return run_mnemo("generate --model " + shell_quote(model.string()) +
                     " --prompt 'Hello world' --max-new-tokens 12 " + options);
  };
  const auto cached = generate("--json");
  ASSERT_EQ(cached.exit_code, 0) << cached.err;
  const auto uncached = generate("--json --no-cache");
  ASSERT_EQ(uncached.exit_code, 0) << uncached.err;
  const auto a = nlohmann::json::parse(cached.out), b = nlohmann::json::parse(uncached.out);
  EXPECT_EQ(a["tokens"], b["tokens"]);
  EXPECT_EQ(a["completion"], b["completion"]);
  const auto reference = io::read_json_file(dir / "expected.json")["tokenization"][0];
  ASSERT_EQ(reference["text"], "Hello world");
  EXPECT_EQ(a["prompt_tokens"], reference["ids"].size());
  EXPECT_FALSE(a["tokens"].empty());

  const auto plain = generate("");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, "Hello world" + a["completion"].get<std::string>() + "\n");
}

TEST(Gpt2Cli, SamplingOptionsNeedSampleAndABertDirectoryIsRefused) {
  ScratchDir dir;
  testing::run_python_reference("gpt2_reference.py", dir.path());
  const auto bare = run_mnemo("generate --model " + shell_quote((dir / "model").string()) +
                              " --prompt hi --top-k 5");
  EXPECT_NE(bare.exit_code, 0);
  EXPECT_NE(bare.err.find("--sample"), std::string::npos) << bare.err;

  const auto bert =
      run_mnemo("bert init --config tiny --tokenizer " + shell_quote((dir / "tokenizer").string()) +
                " --out " + shell_quote((dir / "bert").string()));
  ASSERT_EQ(bert.exit_code, 0) << bert.err;
  const auto refused =
      run_mnemo("generate --model " + shell_quote((dir / "bert").string()) + " --prompt hi");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("not a GPT-2"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace mnemo
