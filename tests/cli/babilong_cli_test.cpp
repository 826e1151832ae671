// mnemo babilong make, train and eval on the command line: flags, exit codes, what they
// print. What they compute is tested on the library (tests/tasks/babilong_tasks_test.cpp,
// tests/train/babilong_learner_test.cpp, tests/eval/babilong_evaluation_test.cpp).
#include <fstream>

#include "mnemo/io/json_file.h"
#include "task_world.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;
using testing::write_text;

// A bAbI file named as qa1's; its stories do not matter here.
std::string qa1_file(const TaskWorld& world) {
  std::string text;
  for (int story = 0; story < 4; ++story)
    text += "1 Daniel journeyed to the hallway.\n2 Where is Daniel? \thallway\t1\n";
  const auto path = world.dir / "qa1_single-supporting-fact_train.txt";
  write_text(path, text);
  return path.string();
}

TEST(BabilongCli, MakesTrainsAndEvaluates) {
  const TaskWorld world;
  const auto babi = shell_quote(qa1_file(world));
  const auto noise = shell_quote(world.noise_file.string());
  const auto samples = world.dir / "samples.jsonl";
  const auto make = run_mnemo("babilong make --babi " + babi + " --noise " + noise +
                              " --tokenizer " + shell_quote(world.tokenizer_dir.string()) +
                              " --lengths 0,64 --samples 3 --out " + shell_quote(samples.string()));
  ASSERT_EQ(make.exit_code, 0) << make.err;
  EXPECT_EQ(make.out, "wrote " + samples.string() + ": 6 samples\n");
  std::ifstream lines(samples);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const auto sample = nlohmann::json::parse(line);
    for (const char* key : {"input", "question", "target", "task", "length"})
      EXPECT_TRUE(sample.contains(key)) << key;
  }
  EXPECT_EQ(count, 6);

  const auto run = world.dir / "run";
  const auto train = run_mnemo(
      "babilong train --babi " + babi + " --noise " + noise + " --config tiny --tokenizer " +
      shell_quote(world.tokenizer_dir.string()) +
      " --memory 2 --segment-size 32 --curriculum 1,2 --steps 2 --batch 2 --validate-every 2 "
      "--validation-samples 2 --out " +
      shell_quote(run.string()));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("| 2 | 2 | 2 |"), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("model: " + (run / "model").string() + "\n"), std::string::npos)
      << train.out;
  // The run's tasks and noise come back from run.json.
  const auto resumed = run_mnemo("babilong train --resume --out " + shell_quote(run.string()));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("BABILong qa1, curriculum 1 2"), std::string::npos) << resumed.err;
  const auto model = shell_quote((run / "model").string());

  const auto from_file = run_mnemo("babilong eval --json --model " + model + " --data " +
                                   shell_quote(samples.string()));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  const auto results = nlohmann::json::parse(from_file.out)["results"];
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["length"], "samples.jsonl");

  const auto generated = run_mnemo("babilong eval --model " + model + " --babi " + babi +
                                   " --noise " + noise + " --lengths 0,40 --samples 2");
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_EQ(generated.out.rfind("| task | 0 | 40 |\n|---|---:|---:|\n| qa1 | ", 0), 0u)
      << generated.out;

  const auto neither = run_mnemo("babilong eval --model " + model);
  EXPECT_EQ(neither.exit_code, 1);
  EXPECT_NE(neither.err.find("give --data FILE... or --babi FILE..."), std::string::npos)
      << neither.err;
  const auto bad_lengths = run_mnemo("babilong eval --model " + model + " --babi " + babi +
                                     " --noise " + noise + " --lengths 4x");
  EXPECT_EQ(bad_lengths.exit_code, 1);
  EXPECT_NE(bad_lengths.err.find("--lengths: '4x'"), std::string::npos) << bad_lengths.err;
}

TEST(BabilongCli, BadInputsAreClearErrors) {
  const TaskWorld world;
  const auto bad = world.dir / "bad.jsonl";
  write_text(bad, "{\"input\": \"a\", \"question\": \"b\", \"target\": \"c\"}\n{\"input\": 1}\n");
  const auto run = world.dir / "run";
  const auto train = run_mnemo(
      "babilong train --babi " + shell_quote(qa1_file(world)) + " --noise " +
      shell_quote(world.noise_file.string()) + " --config tiny --tokenizer " +
      shell_quote(world.tokenizer_dir.string()) +
      " --memory 2 --segment-size 32 --curriculum 1 --steps 1 --batch 2 --validate-every 1 "
      "--validation-samples 1 --out " +
      shell_quote(run.string()));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const auto malformed =
      run_mnemo("babilong eval --model " + shell_quote((run / "model").string()) + " --data " +
                shell_quote(bad.string()));
  EXPECT_NE(malformed.exit_code, 0);
  EXPECT_NE(malformed.err.find("bad.jsonl:2"), std::string::npos) << malformed.err;

  const auto encoder = world.dir / "encoder";
  {
    io::AtomicDirectory out(encoder);
    rmt::save_rmt(out, world.tiny_rmt());
    out.commit();
  }
  const auto wrong = run_mnemo("babilong eval --model " + shell_quote(encoder.string()) +
                               " --data " + shell_quote(bad.string()));
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("encoder RMT"), std::string::npos) << wrong.err;
}

}  // namespace
}  // namespace mnemo
