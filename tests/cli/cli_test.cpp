// The mnemo program end to end: help, version, encode, tokenize, errors.
#include <torch/torch.h>

#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

TEST(Cli, HelpListsEverySubcommandAndEachHasHelp) {
  const auto help = run_mnemo("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command :
       {"encode", "tokenize", "tokenizer", "bert", "bench", "gpt2", "generate"})
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  for (const char* command : {"encode", "tokenize", "tokenizer train", "bert init", "bench forward",
                              "gpt2 init", "generate"}) {
    const auto sub = run_mnemo(std::string(command) + " --help");
    EXPECT_EQ(sub.exit_code, 0) << command;
    EXPECT_NE(sub.out.find("--"), std::string::npos) << command;
  }
}

TEST(Cli, VersionShowsLibtorchAndPassiveWaitingByDefault) {
  const auto version = run_mnemo("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("libtorch 1."), std::string::npos) << version.out;
  if (std::getenv("OMP_WAIT_POLICY") == nullptr)
    EXPECT_NE(version.out.find("OMP_WAIT_POLICY=PASSIVE"), std::string::npos) << version.out;
  const auto one_thread = run_mnemo("--threads 1 --version");
  EXPECT_NE(one_thread.out.find("torch threads 1"), std::string::npos) << one_thread.out;
}

// Rewrites a model directory's weights under the old Hugging Face names.
void write_legacy_copy(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to);
  std::filesystem::copy_file(from / "config.json", to / "config.json");
  io::SafetensorsFile weights(from / "model.safetensors");
  io::NamedTensors renamed;
  for (const auto& entry : weights.entries()) {
    std::string name = "bert." + entry.name;
    for (auto [modern, legacy] :
         {std::pair{"LayerNorm.weight", "LayerNorm.gamma"}, {"LayerNorm.bias", "LayerNorm.beta"}}) {
      const auto at = name.find(modern);
      if (at != std::string::npos) name.replace(at, std::string(modern).size(), legacy);
    }
    renamed.emplace_back(name, weights.tensor(entry.name));
  }
  io::save_safetensors(to / "model.safetensors", renamed);
}

TEST(Cli, EncodeGivesTheSameNumbersForLegacyNames) {
  ScratchDir dir;
  torch::manual_seed(11);
  nn::BertModel model(nn::bert_geometry("tiny", 40));
  {
    io::AtomicDirectory out(dir / "modern");
    nn::save_bert(out, *model);
    out.commit();
  }
  write_legacy_copy(dir / "modern", dir / "legacy");
  const auto modern = run_mnemo("encode --model " + shell_quote(dir / "modern") + " --ids 5,17,3");
  const auto legacy = run_mnemo("encode --model " + shell_quote(dir / "legacy") + " --ids 5,17,3");
  ASSERT_EQ(modern.exit_code, 0) << modern.err;
  ASSERT_EQ(legacy.exit_code, 0) << legacy.err;
  const auto parsed = nlohmann::json::parse(modern.out);
  EXPECT_EQ(parsed["last_hidden_state"].size(), 3u);
  EXPECT_EQ(parsed["last_hidden_state"][0].size(), 64u);
  EXPECT_EQ(modern.out, legacy.out);
}

TEST(Cli, EncodeMatchesTheSharedFixture) {
  const auto fixture = testing::shared_fixture("bert-tiny");
  if (fixture.empty()) GTEST_SKIP() << "../shared/fixtures/bert-tiny is not beside this checkout";
  const auto expected = io::read_json_file(fixture / "expected.json")["cases"][1];
  std::string ids;
  for (const auto& id : expected["input_ids"]) ids += (ids.empty() ? "" : ",") + id.dump();
  const auto result = run_mnemo("encode --model " + shell_quote(fixture) + " --ids " + ids);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rows = nlohmann::json::parse(result.out)["last_hidden_state"];
  ASSERT_EQ(rows.size(), expected["last_hidden_state"].size());
  for (size_t t = 0; t < rows.size(); ++t)
    for (size_t i = 0; i < rows[t].size(); ++i)
      EXPECT_NEAR(rows[t][i].get<double>(), expected["last_hidden_state"][t][i].get<double>(),
                  1e-4);
}

TEST(Cli, TokenizeAndEncodeText) {
  ScratchDir dir;
  testing::write_text(dir / "vocab.txt",
                      "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nwhere\nis\nmary\n?\n");
  const auto tokens = run_mnemo("tokenize --model " + shell_quote(dir.path()) + " " +
                                shell_quote("Where is Mary?"));
  ASSERT_EQ(tokens.exit_code, 0) << tokens.err;
  EXPECT_EQ(nlohmann::json::parse(tokens.out)["ids"], (std::vector<int>{5, 6, 7, 8}));

  torch::manual_seed(2);
  nn::BertModel model(nn::bert_geometry("tiny", 9));
  io::AtomicDirectory out(dir.path());
  nn::save_bert(out, *model);
  testing::write_text(out.staging() / "vocab.txt",
                      "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nwhere\nis\nmary\n?\n");
  out.commit();
  const auto encoded = run_mnemo("encode --model " + shell_quote(dir.path()) + " --text " +
                                 shell_quote("Where is Mary?"));
  ASSERT_EQ(encoded.exit_code, 0) << encoded.err;
  EXPECT_EQ(nlohmann::json::parse(encoded.out)["input_ids"], (std::vector<int>{2, 5, 6, 7, 8, 3}));
}

TEST(Cli, ErrorsNameTheFileAndExitNonZero) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "broken");
  testing::write_text(dir / "broken" / "config.json",
                      R"({"hidden_size": 64, "num_attention_heads": 4})");
  testing::write_text(dir / "broken" / "model.safetensors", "\x08\0\0\0\0\0\0\0{\"a\":1}");
  const auto result = run_mnemo("encode --model " + shell_quote(dir / "broken") + " --ids 1,2");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("model.safetensors"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("mnemo: error:"), std::string::npos) << result.err;

  const auto unknown = run_mnemo("no-such-command");
  EXPECT_NE(unknown.exit_code, 0);
}

}  // namespace
}  // namespace mnemo
