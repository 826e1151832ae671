// mnemo memorization make-data and train end to end: text to fixed-length sequences, then a
// tiny GPT-2 trained on them in order with its kept models scored.
#include <torch/torch.h>

#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/io/json_file.h"
#include "mnemo/memorization/score_file.h"
#include "mnemo/text/token_stream.h"
#include "task_world.h"

namespace mnemo {
namespace {

using testing::run_mnemo;
using testing::shell_quote;
using testing::TaskWorld;
using testing::write_text;
namespace fs = std::filesystem;

// `name` in the world's directory, quoted for the shell.
std::string quoted(const TaskWorld& world, const std::string& name) {
  return shell_quote((world.dir / name).string());
}

// make-data over the world's noise text: sequences of 12 tokens as `data` in its directory.
testing::CommandResult make_data(const TaskWorld& world, const std::string& options = "") {
  return run_mnemo("memorization make-data --text " + shell_quote(world.noise_file.string()) +
                   " --tokenizer " + shell_quote(world.tokenizer_dir.string()) + " --seq-len 12 " +
                   options + " --out " + quoted(world, "data"));
}

TEST(MemorizationTrainCli, MakesSequencesOfTheTextThenTrainsAndScoresTheKeptModels) {
  const TaskWorld world;
  const auto path = [&](const std::string& name) { return quoted(world, name); };
  auto result = make_data(world);
  ASSERT_EQ(result.exit_code, 0) << result.err;

  std::vector<int64_t> expected;
  text::tokenize_files({world.noise_file}, *world.tokenizer,
                       [&](const std::vector<int32_t>& ids, uint64_t) {
                         expected.insert(expected.end(), ids.begin(), ids.end());
                       });
  expected.push_back(text::end_of_text_id(*world.tokenizer));
  const io::IndexedDataset data(world.dir / "data");
  ASSERT_EQ(data.size(), expected.size() / 12);
  for (uint64_t i : {uint64_t{0}, data.size() - 1})
    EXPECT_EQ(data.tokens(i),
              std::vector<int64_t>(expected.begin() + i * 12, expected.begin() + (i + 1) * 12))
        << i;
  const auto description = io::read_json_file(world.dir / "data.json");
  EXPECT_EQ(description.at("vocab_size"), world.tokenizer->vocab_size());
  EXPECT_EQ(description.at("sequences"), data.size());

  const std::string train = "memorization train --data " + path("data") +
                            " --layers 1 --width 16 --heads 2 --held-out 8 --epochs 1 "
                            "--checkpoints 2 --batch 8 --validate-every 4 --out " +
                            path("run");
  result = run_mnemo(train);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const int64_t steps = (static_cast<int64_t>(data.size()) - 8 + 7) / 8;
  const int64_t final_step = (steps + 1) / 2 * 2;
  char final_name[32];
  std::snprintf(final_name, sizeof final_name, "step-%06ld", static_cast<long>(final_step));
  EXPECT_NE(
      result.out.find(std::string("final model: ") + (world.dir / "run" / final_name).string()),
      std::string::npos)
      << result.out;
  EXPECT_TRUE(std::filesystem::exists(world.dir / "run" / final_name / "config.json"));

  result = run_mnemo(train);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("already holds a training run"), std::string::npos) << result.err;

  result = run_mnemo("memorization score --model " +
                     shell_quote((world.dir / "run" / final_name).string()) + " --data " +
                     path("data") + " --prompt-len 4 --cont-len 8 --out " + path("scores.csv"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(memorization::read_scores(world.dir / "scores.csv").size(), data.size());
}

TEST(MemorizationTrainCli, MakeDataWithCopiesWritesTheDistinctSequencesForScoring) {
  const TaskWorld world;
  const auto result = make_data(world, "--max-sequences 10 --copies 1,3 --held-out 2");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const io::IndexedDataset data(world.dir / "data"), distinct(world.dir / "data-distinct");
  EXPECT_EQ(distinct.size(), 10u);
  EXPECT_EQ(data.size(), 4u * 1 + 4u * 3 + 2);  // 8 trained, copies 1, 3, 1, 3, ...; 2 held out
  EXPECT_EQ(data.tokens(data.size() - 1), distinct.tokens(9));
  const auto description = io::read_json_file(world.dir / "data.json");
  EXPECT_EQ(description.at("distinct_copies"),
            nlohmann::json::parse("[1, 3, 1, 3, 1, 3, 1, 3, 0, 0]"));

  const auto train =
      run_mnemo("memorization train --data " + quoted(world, "data") +
                " --layers 1 --width 16 --heads 2 --held-out 3 --out " + quoted(world, "run"));
  EXPECT_NE(train.exit_code, 0);
  EXPECT_NE(train.err.find("data.json: the data holds repeated sequences and was made with "
                           "--held-out 2: give memorization train the same --held-out"),
            std::string::npos)
      << train.err;
}

// --init must read the data's ids: a model over a vocabulary of another size, or of the same
// size spelt differently, is refused before any training.
TEST(MemorizationTrainCli, InitFromAModelOfAnotherTokenizerIsAnError) {
  const TaskWorld world;
  const auto path = [&](const std::string& name) { return quoted(world, name); };
  auto result = make_data(world);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto vocab = io::read_file(world.tokenizer_dir / "vocab.txt");
  const auto model_over = [&](const std::string& name, const std::string& vocabulary) {
    fs::create_directories(world.dir / (name + "-tokenizer"));
    write_text(world.dir / (name + "-tokenizer") / "vocab.txt", vocabulary);
    const auto init = run_mnemo("gpt2 init --config tiny --tokenizer " + path(name + "-tokenizer") +
                                " --out " + path(name));
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return "memorization train --data " + path("data") + " --held-out 8 --init " + path(name) +
           " --out " + path(name + "-run");
  };

  // "." and "?" (ids 5 and 6) swapped: the same size, other ids.
  const auto swapped =
      vocab.substr(0, vocab.find(".\n?\n")) + "?\n.\n" + vocab.substr(vocab.find(".\n?\n") + 4);
  result = run_mnemo(model_over("swapped", swapped));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("has another tokenizer than the data's"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("token 5 is '?' in one and '.' in the other"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(world.dir / "swapped-run"));

  result = run_mnemo(model_over("larger", vocab + "extra\n"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("has a vocabulary of " +
                            std::to_string(world.tokenizer->vocab_size() + 1) + " tokens"),
            std::string::npos)
      << result.err;

  // The same vocabulary is accepted.
  result = run_mnemo(model_over("same", vocab) + " --epochs 1 --checkpoints 1 --batch 8");
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace mnemo
