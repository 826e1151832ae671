// The mnemo program end to end: help, version, encode, tokenize, errors.
#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/runtime/runtime_setup.h"
#include "test_support.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

// The names in the "Subcommands:" section of a help text, in order.
std::vector<std::string> listed_subcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help.substr(std::min(help.find("Subcommands:"), help.size())));
  std::string line;
  std::getline(lines, line);  // the heading
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

// Every command and subcommand of the program, in `mnemo --help` order.
const std::vector<std::pair<std::string, std::vector<std::string>>>& every_command() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"encode", {}},
      {"tokenize", {}},
      {"tokenizer", {"train"}},
      {"bert", {"init", "pretrain"}},
      {"bench", {"forward", "sgemm"}},
      {"rmt", {"train", "eval", "run", "plot", "bench", "flops", "attention"}},
      {"gpt2", {"init"}},
      {"babilong", {"make", "train", "eval"}},
      {"lm", {"train", "eval"}},
      {"clamp", {"embed", "pretrain-m3", "train", "search", "classify", "eval", "demo"}},
      {"convert", {}},
      {"memorization", {"score", "predict", "bench", "make-data", "train"}},
      {"beb", {"bound", "score", "label", "estimate", "alpha", "misalign", "train-scorer"}},
      {"generate", {}},
      {"launch", {}}};
  return commands;
}

TEST(Cli, HelpListsEveryCommand) {
  const auto help = run_mnemo("--help");
  ASSERT_EQ(help.exit_code, 0);
  std::vector<std::string> commands;
  for (const auto& [command, subcommands] : every_command()) commands.push_back(command);
  EXPECT_EQ(listed_subcommands(help.out), commands) << help.out;
  const auto sub = run_mnemo("rmt train --help");
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("\nUsage: mnemo rmt train [OPTIONS]"), std::string::npos) << sub.out;
}

// In the program's own command tree (no process a command), each group lists its
// subcommands and each subcommand's help has its usage line and options.
TEST(Cli, EverySubcommandHasItsHelp) {
  CLI::App app;
  app.name("mnemo");
  cli::Action action;
  cli::add_commands(app, action);
  for (const auto& [command, subcommands] : every_command()) {
    const auto* group = app.get_subcommand(command);
    std::vector<const CLI::App*> leaves{group};
    if (!subcommands.empty()) {
      EXPECT_EQ(listed_subcommands(group->help("mnemo")), subcommands) << command;
      leaves.clear();
      for (const auto& sub : subcommands) leaves.push_back(group->get_subcommand(sub));
    }
    for (const auto* leaf : leaves) {
      const std::string path = leaf == group ? command : command + " " + leaf->get_name();
      const auto help = leaf->help(leaf == group ? "mnemo" : "mnemo " + command);
      EXPECT_NE(help.find("\nUsage: mnemo " + path + " [OPTIONS]"), std::string::npos) << help;
      EXPECT_NE(help.find("\n  -h,--help"), std::string::npos) << help;
      EXPECT_GT(leaf->get_options().size(), 1u) << path << " has no options of its own";
    }
  }
}

TEST(Cli, VersionShowsLibtorchAndPassiveWaitingByDefault) {
  const auto version = run_mnemo("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind(
                "mnemo " MNEMO_VERSION "\nlibtorch " + runtime::libtorch_version() + "\n", 0),
            0u)
      << version.out;
  if (std::getenv("OMP_WAIT_POLICY") == nullptr)
    EXPECT_NE(version.out.find("OMP_WAIT_POLICY=PASSIVE"), std::string::npos) << version.out;
  const auto one_thread = run_mnemo("--threads 1 --version");
  EXPECT_NE(one_thread.out.find("torch threads 1,"), std::string::npos) << one_thread.out;
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
  if (fixture.empty()) MNEMO_SKIP("../shared/fixtures/bert-tiny is not beside this checkout");
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
