// mnemo clamp train / embed / search / classify / eval and mnemo convert end to end, on
// generated tunes and on the Python reference checkpoint.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "fixtures.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/io/atomic_file.h"
#include "test_support.h"

namespace mnemo {
namespace {

namespace fs = std::filesystem;
using testing::run_mnemo;
using testing::ScratchDir;
using testing::shell_quote;

// MRR and Hit@k of each query's own key (row i's key i) in a query x key similarity matrix,
// ties counting against the query.
std::map<std::string, double> ranked_metrics(const std::vector<std::vector<double>>& similarity) {
  std::map<std::string, double> metrics;
  const double queries = static_cast<double>(similarity.size());
  for (size_t q = 0; q < similarity.size(); ++q) {
    double rank = 0;
    for (const double other : similarity[q]) rank += other >= similarity[q][q] ? 1 : 0;
    metrics["mrr"] += 1 / rank / queries;
    for (const int k : {1, 10, 100})
      metrics["hit_at_" + std::to_string(k)] += (rank <= k ? 1.0 : 0.0) / queries;
  }
  return metrics;
}

std::vector<double> embedding_of(const testing::CommandResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out)["embedding"].get<std::vector<double>>();
}

// The command that trains the suite's model into `run_dir`.
std::string clamp_cli_train_command(const fs::path& run_dir) {
  return "clamp train --synthetic 150 --seed 3 --steps 20 --batch 16 "
         "--validate-every 10 --vocab-size 400 --max-patches 48 --out " +
         shell_quote(run_dir.string());
}

// One small trained model (about 10 s), its tunes and three key files, made once per test run.
void make_clamp_cli_model(const fs::path& dir) {
  clamp::write_music_text_json(dir / "tunes.json", clamp::synthetic_tunes(3, 150));
  const auto trained = run_mnemo(clamp_cli_train_command(dir / "run"));
  if (trained.exit_code != 0) throw std::runtime_error("clamp train failed: " + trained.err);
  fs::create_directories(dir / "keys");
  for (int i = 0; i < 3; ++i)
    io::write_file_atomic(dir / "keys" / ("tune" + std::to_string(i) + ".abc"),
                          clamp::synthetic_tune(9, i).music);
}
const bool kClampCliModelRegistered =
    testing::register_fixture("clamp-cli-model", make_clamp_cli_model);

class ClampCli : public ::testing::Test {
 protected:
  // Each test works on its own copy of the shared model, which some of them change.
  void SetUp() override {
    fs::copy(testing::fixture("clamp-cli-model"), dir_.path(), fs::copy_options::recursive);
  }
  std::string model() const { return " --model " + shell_quote((dir_ / "run" / "model").string()); }
  std::string path(const std::string& name) const { return shell_quote((dir_ / name).string()); }

  ScratchDir dir_;
};

TEST_F(ClampCli, TrainingKeepsTheBestModelAndRefusesToOverwriteARun) {
  EXPECT_TRUE(fs::exists(dir_ / "run" / "model" / "model.safetensors"));
  EXPECT_TRUE(fs::exists(dir_ / "run" / "model" / "vocab.json"));
  const auto vocab_time = fs::last_write_time(dir_ / "run" / "tokenizer" / "vocab.json");
  const auto again = run_mnemo(clamp_cli_train_command(dir_ / "run"));
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  EXPECT_EQ(fs::last_write_time(dir_ / "run" / "tokenizer" / "vocab.json"), vocab_time);
  const auto resumed = run_mnemo("clamp train --resume --out " + path("run"));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
}

TEST_F(ClampCli, EmbedsTextsTokenIdsAndMusic) {
  const auto text = embedding_of(run_mnemo("clamp embed --json --text 'a fast jig'" + model()));
  EXPECT_EQ(text.size(), 64u);  // the tiny geometry
  const auto ids = embedding_of(run_mnemo("clamp embed --json --text-ids 0,50,60,2" + model()));
  EXPECT_EQ(ids.size(), 64u);
  EXPECT_NE(text, ids);
  const auto music =
      embedding_of(run_mnemo("clamp embed --json --music " + path("keys/tune0.abc") + model()));
  EXPECT_EQ(music.size(), 64u);

  const auto both = run_mnemo("clamp embed --text a --text-ids 0,2" + model());
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.err.find("exactly one of"), std::string::npos) << both.err;
  testing::write_text(dir_ / "song.mid", std::string("MThd\0\0\0\x06\0\x01", 10));
  const auto midi = run_mnemo("clamp embed --music " + path("song.mid") + model());
  EXPECT_NE(midi.exit_code, 0);
  EXPECT_NE(midi.err.find("song.mid: midi2abc could not convert"), std::string::npos) << midi.err;
}

TEST_F(ClampCli, SearchRanksKeysAndCachesTheirEmbeddingsUntilAKeyChanges) {
  const std::string search = "clamp search --json --query-text 'a slow waltz' --keys " +
                             path("keys") + " --cache " + path("cache.safetensors") + model();
  const auto first = run_mnemo(search);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("embedding 3 keys"), std::string::npos) << first.err;
  const auto results = nlohmann::json::parse(first.out)["results"];
  ASSERT_EQ(results.size(), 3u);
  double probabilities = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    probabilities += results[i]["probability"].get<double>();
    if (i > 0) EXPECT_GE(results[i - 1]["similarity"], results[i]["similarity"]);
  }
  EXPECT_NEAR(probabilities, 1.0, 1e-6);

  const auto cached = run_mnemo(search);
  EXPECT_NE(cached.err.find("from the cache"), std::string::npos) << cached.err;
  EXPECT_EQ(cached.out, first.out);
  io::write_file_atomic(dir_ / "keys" / "tune1.abc", clamp::synthetic_tune(9, 7).music);
  const auto changed = run_mnemo(search);
  EXPECT_NE(changed.err.find("embedding 3 keys"), std::string::npos) << changed.err;

  const auto music_query =
      run_mnemo("clamp search --json --top-n 2 --key-modal text --keys " + path("tunes.json") +
                " --query-music " + path("keys/tune0.abc") + " --cache " +
                path("text-cache.safetensors") + model());
  ASSERT_EQ(music_query.exit_code, 0) << music_query.err;
  EXPECT_EQ(nlohmann::json::parse(music_query.out)["results"].size(), 2u);
}

TEST_F(ClampCli, ClassifiesIntoLabelsAndEvaluatesTheHeldOutSplit) {
  const auto classified =
      run_mnemo("clamp classify --json --labels 'jig, reel,waltz' --music " +
                path("keys/tune0.abc") + " " + path("keys/tune2.abc") + model());
  ASSERT_EQ(classified.exit_code, 0) << classified.err;
  const auto results = nlohmann::json::parse(classified.out)["results"];
  ASSERT_EQ(results.size(), 2u);
  double total = 0;
  for (const auto& [label, p] : results[0]["probabilities"].items()) total += p.get<double>();
  EXPECT_NEAR(total, 1.0, 1e-6);
  EXPECT_TRUE(results[0]["probabilities"].contains("reel"));  // trimmed label

  const auto eval = run_mnemo("clamp eval --json --data " + path("tunes.json") + model());
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const auto report = nlohmann::json::parse(eval.out);
  EXPECT_EQ(report["genre"]["labels"].size(), clamp::synthetic_tune_types().size());
  EXPECT_EQ(
      report["pieces"].get<size_t>(),
      clamp::select_split(clamp::read_music_text_json(dir_ / "tunes.json"), clamp::DataSplit::test)
          .size());
}

TEST_F(ClampCli, EvaluationMatchesSearchAndClassifyOnTheSamePieces) {
  // Five held-out pieces of two genres at least, evaluated as a whole file ...
  std::vector<clamp::MusicTextPair> five;
  for (const auto& pair : clamp::select_split(clamp::read_music_text_json(dir_ / "tunes.json"),
                                              clamp::DataSplit::test)) {
    const bool one_genre = std::all_of(
        five.begin(), five.end(), [&](const auto& chosen) { return chosen.genre == pair.genre; });
    if (five.size() < 4 || (five.size() == 4 && !one_genre)) five.push_back(pair);
  }
  ASSERT_EQ(five.size(), 5u);
  clamp::write_music_text_json(dir_ / "five.json", five);
  std::string files;
  fs::create_directories(dir_ / "five");
  for (size_t i = 0; i < five.size(); ++i) {
    const std::string name = "five/" + std::to_string(i) + ".abc";
    io::write_file_atomic(dir_ / name, five[i].music);
    files += " " + path(name);
  }
  const auto eval =
      run_mnemo("clamp eval --json --split all --data " + path("five.json") + model());
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const auto report = nlohmann::json::parse(eval.out);
  ASSERT_EQ(report["pieces"].get<size_t>(), five.size());

  // ... and each text searched alone against the pieces: the same ranks.
  std::vector<std::vector<double>> text_to_music(five.size(), std::vector<double>(five.size()));
  for (size_t i = 0; i < five.size(); ++i) {
    const auto found = run_mnemo("clamp search --json --top-n 0 --query-text " +
                                 shell_quote(five[i].text) + " --keys " + path("five") +
                                 " --cache " + path("five-cache.safetensors") + model());
    ASSERT_EQ(found.exit_code, 0) << found.err;
    const auto results = nlohmann::json::parse(found.out)["results"];
    ASSERT_EQ(results.size(), five.size());
    for (const auto& result : results)
      text_to_music[i][std::stoul(result["name"].get<std::string>())] =
          result["similarity"].get<double>();
  }
  auto music_to_text = text_to_music;
  for (size_t i = 0; i < five.size(); ++i)
    for (size_t j = 0; j < five.size(); ++j) music_to_text[i][j] = text_to_music[j][i];
  const auto want_text_to_music = ranked_metrics(text_to_music);
  const auto want_music_to_text = ranked_metrics(music_to_text);
  for (const char* metric : {"mrr", "hit_at_1", "hit_at_10", "hit_at_100"}) {
    EXPECT_NEAR(report["text_to_music"][metric].get<double>(), want_text_to_music.at(metric), 1e-9)
        << metric;
    EXPECT_NEAR(report["music_to_text"][metric].get<double>(), want_music_to_text.at(metric), 1e-9)
        << metric;
  }
  double harmonic = 0;
  for (int rank = 1; rank <= 5; ++rank) harmonic += 1.0 / rank;
  EXPECT_NEAR(report["retrieval_chance"]["mrr"].get<double>(), harmonic / 5, 1e-12);

  // Zero-shot genre accuracy: the share of pieces `clamp classify` labels with their genre.
  ASSERT_TRUE(report.contains("genre"));
  std::string labels;
  for (const auto& label : report["genre"]["labels"])
    labels += (labels.empty() ? "" : ",") + label.get<std::string>();
  const auto classified = run_mnemo("clamp classify --json --labels " + shell_quote(labels) +
                                    " --music" + files + model());
  ASSERT_EQ(classified.exit_code, 0) << classified.err;
  const auto results = nlohmann::json::parse(classified.out)["results"];
  ASSERT_EQ(results.size(), five.size());
  double right = 0;
  for (size_t i = 0; i < five.size(); ++i) right += results[i]["label"] == five[i].genre ? 1 : 0;
  EXPECT_NEAR(report["genre"]["accuracy"].get<double>(), right / 5, 1e-12);
}

TEST(ClampM3Cli, PretrainsTheMusicEncoderAndClampTrainStartsFromIt) {
  ScratchDir dir;
  const auto m3 = run_mnemo(
      "clamp pretrain-m3 --synthetic 60 --steps 6 --batch 4 "
      "--validate-every 3 --max-patches 48 --out " +
      shell_quote((dir / "m3").string()));
  ASSERT_EQ(m3.exit_code, 0) << m3.err;
  EXPECT_NE(m3.err.find("characters of chosen patches rebuilt"), std::string::npos) << m3.err;
  const auto resumed =
      run_mnemo("clamp pretrain-m3 --resume --out " + shell_quote((dir / "m3").string()));
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto clamp = run_mnemo(
      "clamp train --synthetic 60 --steps 2 --batch 4 --validate-every 2 "
      "--vocab-size 300 --max-patches 48 --init-m3 " +
      shell_quote((dir / "m3" / "model").string()) + " --out " +
      shell_quote((dir / "clamp").string()));
  ASSERT_EQ(clamp.exit_code, 0) << clamp.err;
  EXPECT_NE(clamp.err.find("music encoder from the M3 model"), std::string::npos) << clamp.err;
  const auto mismatch = run_mnemo("clamp train --synthetic 60 --steps 2 --config small --init-m3 " +
                                  shell_quote((dir / "m3" / "model").string()) + " --out " +
                                  shell_quote((dir / "clamp-small").string()));
  EXPECT_NE(mismatch.exit_code, 0);
  EXPECT_NE(mismatch.err.find("geometry differs"), std::string::npos) << mismatch.err;
}

TEST(ConvertCli, ASafetensorsCopyOfPytorchModelBinGivesTheSameEmbeddings) {
  const auto& dir = testing::reference_outputs("clamp_reference.py");
  const ScratchDir scratch;
  const auto copy = scratch / "copy";
  fs::create_directories(copy);
  for (const char* name : {"config.json", "text_config.json", "vocab.json", "merges.txt"})
    fs::copy_file(dir / "bin" / name, copy / name);
  const auto converted =
      run_mnemo("convert --in " + shell_quote((dir / "bin" / "pytorch_model.bin").string()) +
                " --out " + shell_quote((copy / "model.safetensors").string()));
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  for (const std::string input : {"--text-ids 0,40,41,2", "--text 'A lively jig'"}) {
    const auto from_bin = embedding_of(run_mnemo("clamp embed --json " + input + " --model " +
                                                 shell_quote((dir / "bin").string())));
    const auto from_copy = embedding_of(
        run_mnemo("clamp embed --json " + input + " --model " + shell_quote(copy.string())));
    EXPECT_EQ(from_bin, from_copy);
  }
  const auto not_a_checkpoint =
      run_mnemo("convert --in " + shell_quote((dir / "bin" / "vocab.json").string()) + " --out " +
                shell_quote((scratch / "x.safetensors").string()));
  EXPECT_NE(not_a_checkpoint.exit_code, 0);
  EXPECT_NE(not_a_checkpoint.err.find("not a PyTorch zip checkpoint"), std::string::npos)
      << not_a_checkpoint.err;
}

}  // namespace
}  // namespace mnemo
