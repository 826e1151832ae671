// mnemo memorization score and predict end to end, on a tiny GPT-2 the test writes.
#include <torch/torch.h>

#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/memorization/extraction.h"
#include "mnemo/memorization/score_file.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/nn/gpt2_config.h"
#include "test_support.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

constexpr int64_t kVocab = 40;

class MemorizationCli : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(5);
    model_ = nn::Gpt2LMHeadModel(nn::gpt2_geometry("tiny", kVocab));
    model_->eval();
    io::AtomicDirectory out(dir_ / "model");
    nn::save_gpt2(out, *model_);
    out.commit();
    for (int64_t i = 0; i < 7; ++i) {
      std::vector<int64_t> tokens;
      for (int64_t t = 0; t < 20; ++t) tokens.push_back((i * 13 + t * t * 7) % kVocab);
      sequences_.push_back(tokens);
    }
    io::write_indexed_dataset(dir_ / "data", sequences_, io::TokenDType::uint16);
  }

  std::string score(const std::string& data, const std::string& extra,
                    const std::string& out = "scores.csv") {
    return "memorization score --model " + shell_quote((dir_ / "model").string()) + " --data " +
           shell_quote((dir_ / data).string()) + " --prompt-len 8 --cont-len 8 --batch 3 --out " +
           shell_quote((dir_ / out).string()) + " " + extra;
  }

  ScratchDir dir_;
  nn::Gpt2LMHeadModel model_{nullptr};
  std::vector<std::vector<int64_t>> sequences_;
};

TEST_F(MemorizationCli, ScoresEverySequenceOnceAcrossAnInterruptedRun) {
  const auto part = run_mnemo(score("data", "--indices 0:4"));
  ASSERT_EQ(part.exit_code, 0) << part.err;
  EXPECT_EQ(memorization::read_scores(dir_ / "scores.csv").size(), 4u);
  const auto rest = run_mnemo(score("data.idx", ""));  // the prefix may carry its extension
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_NE(rest.out.find("7 sequences (3 scored now"), std::string::npos) << rest.out;

  const auto scores = memorization::read_scores(dir_ / "scores.csv");
  ASSERT_EQ(scores.size(), sequences_.size());
  std::vector<int64_t> flat;
  for (const auto& s : sequences_) flat.insert(flat.end(), s.begin(), s.end());
  memorization::CausalLm lm(model_);
  const auto expected = memorization::memorization_scores(lm, torch::tensor(flat).view({7, -1}),
                                                          memorization::ExtractionWindow{8, 8});
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_DOUBLE_EQ(scores.at(static_cast<int64_t>(i)), expected[i]) << i;

  const auto other = run_mnemo(
      score("data", "").replace(score("data", "").find("--cont-len 8"), 12, "--cont-len 4"));
  EXPECT_NE(other.exit_code, 0);
  EXPECT_NE(other.err.find("was scored with other settings"), std::string::npos) << other.err;
}

// Two ranks split what is left; rank 0 merges their parts into the file one process writes,
// byte for byte, and leaves no part behind. A part a killed run left is merged on the next.
TEST_F(MemorizationCli, RanksSplitTheScoringAndRankZeroMergesTheFile) {
  const auto single = run_mnemo(score("data", "", "single.csv"));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const auto started = run_mnemo(score("data", "--indices 0:2", "sharded.csv"));
  ASSERT_EQ(started.exit_code, 0) << started.err;
  const auto sharded =
      run_mnemo("launch --nproc-per-node 2 -- " + score("data", "", "sharded.csv"));
  ASSERT_EQ(sharded.exit_code, 0) << sharded.err;
  EXPECT_EQ(sharded.out.rfind("[rank 0] ", 0), 0u) << sharded.out;
  EXPECT_NE(sharded.out.find("sharded.csv: 7 sequences (5 scored now"), std::string::npos)
      << sharded.out;
  EXPECT_EQ(io::read_file(dir_ / "sharded.csv"), io::read_file(dir_ / "single.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "sharded.csv.rank-0"));
  EXPECT_FALSE(fs::exists(dir_ / "sharded.csv.rank-1"));

  // As a killed two-rank run leaves it: rank 1's part holds two rows, one of them torn.
  const auto whole = io::read_file(dir_ / "single.csv");
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = whole.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(whole.substr(start, end - start));
  ASSERT_EQ(lines.size(), 8u);  // header + 7 rows
  io::write_file_atomic(dir_ / "killed.csv", lines[0] + "\n" + lines[1] + "\n");
  io::write_file_atomic(dir_ / "killed.csv.json", io::read_file(dir_ / "single.csv.json"));
  io::write_file_atomic(dir_ / "killed.csv.rank-1",
                        lines[0] + "\n" + lines[5] + "\n" + lines[6].substr(0, 3));
  const auto resumed = run_mnemo(score("data", "", "killed.csv"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("7 sequences (5 scored now"), std::string::npos) << resumed.out;
  EXPECT_EQ(memorization::read_scores(dir_ / "killed.csv"),
            memorization::read_scores(dir_ / "single.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "killed.csv.rank-1"));
}

TEST_F(MemorizationCli, DataTheModelCannotReadIsAClearError) {
  io::write_indexed_dataset(dir_ / "wide", {{1, 2, 3, 4, 5, 6, 7, 8, 9, 45, 1, 2, 3, 4, 5, 6}},
                            io::TokenDType::uint16);
  auto result = run_mnemo(score("wide", "", "wide.csv"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("wide.idx: sequence 0 holds token id 45, outside the 40-token "
                            "vocabulary"),
            std::string::npos)
      << result.err;

  io::write_indexed_dataset(dir_ / "short", {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
                            io::TokenDType::uint16);
  result = run_mnemo(score("short", "", "short.csv"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("short.idx: sequence 0 has 10 tokens, fewer than 16"),
            std::string::npos)
      << result.err;

  const auto index = io::read_file(dir_ / "data.idx");
  io::write_file_atomic(dir_ / "data.idx", index.substr(0, index.size() - 3));
  result = run_mnemo(score("data", ""));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("data.idx: truncated"), std::string::npos) << result.err;
}

TEST_F(MemorizationCli, PredictReportsPrecisionRecallAndComputeShare) {
  io::write_file_atomic(dir_ / "target.csv", "index,score\n0,1\n1,1\n2,1\n3,1\n4,0.5\n5,0\n");
  io::write_file_atomic(dir_ / "small.csv", "index,score\n0,1\n1,1\n4,1\n5,0.25\n2,0\n3,0\n");
  io::write_file_atomic(dir_ / "target.csv.json",
                        R"({"parameters": 1000, "training_tokens": 100})");
  io::write_file_atomic(dir_ / "small.csv.json", R"({"parameters": 100, "training_tokens": 100})");
  const auto result = run_mnemo("memorization predict --json --target " +
                                shell_quote((dir_ / "target.csv").string()) + " --predictor " +
                                shell_quote((dir_ / "small.csv").string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto row = nlohmann::json::parse(result.out).at("predictors").at(0);
  EXPECT_EQ(row.at("sequences"), 6);
  EXPECT_DOUBLE_EQ(row.at("precision").get<double>(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(row.at("recall").get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(row.at("compute_fraction").get<double>(), 0.1);
}

}  // namespace
}  // namespace mnemo
