// What the babilong commands share: tasks from bAbI files, input lengths, the evaluation
// samples and `babilong make`'s file of them. Free of torch.
#include "mnemo/tasks/babilong_tasks.h"

#include <gtest/gtest.h>

#include <fstream>

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::tasks {
namespace {

using testing::error_of;
using testing::write_text;

// A WordPiece vocabulary of the story words and a noise text of 40 sentences.
struct BabilongWorld {
  testing::ScratchDir dir;
  std::filesystem::path tokenizer_dir = dir / "tokenizer";
  std::filesystem::path noise_file = dir / "noise.txt";
  std::shared_ptr<const text::Tokenizer> tokenizer;

  BabilongWorld() {
    std::filesystem::create_directories(tokenizer_dir);
    std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n.\n?\n";
    for (const char* word :
         {"john", "mary", "went", "moved", "to", "the", "kitchen", "bathroom", "hallway", "garden",
          "office", "where", "is", "cat", "sat", "on", "mat"})
      vocab += std::string(word) + "\n";
    std::string noise;
    for (int i = 0; i < 40; ++i) {
      vocab += "s" + std::to_string(i) + "\n";
      noise += "s" + std::to_string(i) + " the cat sat on the mat.\n";
    }
    write_text(tokenizer_dir / "vocab.txt", vocab);
    write_text(noise_file, noise);
    tokenizer = text::load_tokenizer(tokenizer_dir);
  }
};

// qa1 stories whose answer fact follows another one.
std::string qa1_file(const BabilongWorld& world) {
  std::string text;
  const char* places[] = {"bathroom", "hallway", "garden", "office"};
  for (int story = 0; story < 12; ++story)
    text += "1 John went to the kitchen.\n2 Mary moved to the " + std::string(places[story % 4]) +
            ".\n3 Where is Mary? \t" + places[story % 4] + "\t2\n";
  const auto path = world.dir / "qa1_single-supporting-fact_train.txt";
  write_text(path, text);
  return path.string();
}

TEST(BabilongLengths, ParseAndNameAsBabilongDoes) {
  EXPECT_EQ(parse_lengths("0,512,1k,4K,1M"),
            (std::vector<int64_t>{0, 512, 1024, 4096, 1024 * 1024}));
  EXPECT_EQ(length_name(0), "0");
  EXPECT_EQ(length_name(40), "40");
  EXPECT_EQ(length_name(1536), "1536");
  EXPECT_EQ(length_name(4096), "4k");
  EXPECT_EQ(length_name(2 * 1024 * 1024), "2M");
  for (const char* bad : {"4x", "-1", "k", "1,,2"})
    EXPECT_NE(error_of([&] { parse_lengths(bad); }).find("--lengths"), std::string::npos) << bad;
  EXPECT_NE(error_of([] { parse_lengths(""); }).find("at least one"), std::string::npos);
}

TEST(BabilongTasks, OneTaskPerFileNamedAfterIt) {
  const BabilongWorld world;
  std::vector<std::string> notes;
  Progress progress;
  progress.on_note = [&](const std::string& line) { notes.push_back(line); };
  const auto tasks =
      babilong_tasks({qa1_file(world)}, {world.noise_file.string()}, world.tokenizer, progress);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]->name(), "qa1");
  EXPECT_EQ(notes, std::vector<std::string>{"reading noise from 1 file(s)..."});
  EXPECT_NE(error_of([&] {
              babilong_tasks({}, {world.noise_file.string()}, world.tokenizer);
            }).find("--babi"),
            std::string::npos);
}

TEST(BabilongMake, WritesTheEvaluationSamplesOfEachTaskAndLength) {
  const BabilongWorld world;
  BabilongMakeSettings settings;
  settings.babi = {qa1_file(world)};
  settings.noise = {world.noise_file.string()};
  settings.tokenizer = world.tokenizer_dir.string();
  settings.lengths = "0,64";
  settings.samples = 3;
  settings.seed = 5;
  settings.out = (world.dir / "samples.jsonl").string();
  EXPECT_EQ(make_babilong_samples(settings), 6);

  const auto task = babilong_tasks(settings.babi, settings.noise, world.tokenizer).front();
  std::ifstream file(settings.out);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 6u);
  for (size_t k = 0; k < lines.size(); ++k) {
    const auto& line = lines[k];
    const int64_t length = k < 3 ? 0 : 64;
    EXPECT_EQ(line["task"], "qa1");
    EXPECT_EQ(line["length"], length_name(length));
    // Sample k % 3 of its length: the very one `babilong eval --babi` draws for this seed.
    const auto sample = evaluation_sample(*task, settings.seed, length, k % 3);
    EXPECT_EQ(line["input"], sample.input);
    EXPECT_EQ(line["question"], "Where is Mary?");
    EXPECT_EQ(line["target"], sample.target);
    // The validation story: its facts in order, the answer the place of the last one.
    const auto input = line["input"].get<std::string>();
    const auto john = input.find("John went to the kitchen.");
    const auto mary = input.find("Mary moved to the " + line["target"].get<std::string>() + ".");
    ASSERT_NE(john, std::string::npos) << input;
    ASSERT_NE(mary, std::string::npos) << input;
    EXPECT_LT(john, mary);
  }
  EXPECT_EQ(lines[0]["input"].get<std::string>().rfind("John went to the kitchen.", 0), 0u);
  EXPECT_GT(world.tokenizer->encode(lines[3]["input"].get<std::string>()).size(), 60u);
}

}  // namespace
}  // namespace mnemo::tasks
