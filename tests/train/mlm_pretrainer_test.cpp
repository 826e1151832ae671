// Masked-language-model pre-training: the masking, the learner, and `bert pretrain`'s run
// through the Trainer (resume, the run directory as a BERT directory).
#include "mnemo/train/mlm_pretrainer.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/train/mlm_learner.h"
#include "task_world.h"

namespace mnemo::train {
namespace {

using testing::error_of;
using testing::TaskWorld;

TEST(MaskTokens, FifteenPercentOfOrdinaryTokensSplitEightyTenTen) {
  text::SpecialTokens special;
  special.pad = 0;
  special.cls = 2;
  special.sep = 3;
  special.mask = 4;
  std::vector<std::vector<int64_t>> sequences;
  tasks::Random random(1);
  for (int row = 0; row < 400; ++row) {
    std::vector<int64_t> sequence = {2};
    for (int k = 0; k < 98; ++k) sequence.push_back(10 + static_cast<int64_t>(random.below(990)));
    sequence.push_back(3);
    sequences.push_back(sequence);
  }
  const auto batch = mask_tokens(sequences, special, 1000, 0.15, random);
  const int64_t chosen = batch.labels.size(0);
  EXPECT_NEAR(static_cast<double>(chosen) / (400 * 98), 0.15, 0.01);
  int64_t masked = 0, kept = 0;
  for (int64_t i = 0; i < chosen; ++i) {
    const int64_t row = batch.positions[i][0].item<int64_t>();
    const int64_t column = batch.positions[i][1].item<int64_t>();
    ASSERT_GT(column, 0);   // never [CLS]
    ASSERT_LT(column, 99);  // never [SEP]
    EXPECT_EQ(batch.labels[i].item<int64_t>(), sequences[row][column]);
    const int64_t now = batch.input_ids[row][column].item<int64_t>();
    masked += now == 4;
    kept += now == sequences[row][column];
  }
  EXPECT_NEAR(static_cast<double>(masked) / chosen, 0.8, 0.03);
  EXPECT_NEAR(static_cast<double>(kept) / chosen, 0.1, 0.03);  // + ~0.1% random hits
  // Positions not chosen are untouched.
  auto untouched = batch.input_ids.clone();
  untouched.index_put_({batch.positions.select(1, 0), batch.positions.select(1, 1)}, batch.labels);
  for (int row = 0; row < 400; ++row)
    EXPECT_TRUE(untouched[row].equal(torch::tensor(sequences[row], torch::kLong)));
}

BertPretrainSettings tiny_pretraining(const TaskWorld& world, const std::string& out) {
  BertPretrainSettings options;
  options.data = {world.noise_file.string()};
  options.geometry = "tiny";
  options.tokenizer = world.tokenizer_dir.string();
  options.out = (world.dir / out).string();
  auto& settings = options.settings;
  settings.steps = 6;
  settings.batch_size = 4;
  settings.sequence_length = 32;
  settings.learning_rate = 1e-3;
  settings.save_every = 2;
  settings.validation_sequences = 8;
  return options;
}

// log.jsonl of a run: one object per validation.
std::vector<nlohmann::json> validations(const std::filesystem::path& run) {
  std::vector<nlohmann::json> lines;
  std::ifstream log(run / "log.jsonl");
  for (std::string line; std::getline(log, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(MlmPretrainer, RunsThroughTheTrainerAndResumesExactly) {
  const TaskWorld world;
  const auto straight = pretrain_bert(tiny_pretraining(world, "straight"));
  EXPECT_TRUE(straight.state.finished);
  EXPECT_EQ(straight.steps, 6);
  EXPECT_EQ(straight.model, world.dir / "straight" / "model");
  // One stage that spends its budget: no target ends it early.
  const auto run = io::read_json_file(world.dir / "straight" / "run.json");
  EXPECT_EQ(run["settings"]["curriculum"], nlohmann::json::array({1}));
  EXPECT_EQ(run["settings"]["stop_at_target"], false);
  EXPECT_EQ(run["settings"]["validate_every"], 2);

  // Killed at step 3: the checkpoint of step 2 is what is left.
  struct Interrupted : std::exception {};
  Progress kill_at_step_3;
  kill_at_step_3.on_update = [](double done, double, const std::string&, bool) {
    if (done == 3) throw Interrupted();
  };
  EXPECT_THROW(pretrain_bert(tiny_pretraining(world, "killed"), kill_at_step_3), Interrupted);
  const auto checkpoint = io::read_json_file(world.dir / "killed" / "checkpoint" / "state.json");
  EXPECT_EQ(checkpoint["step"], 2);
  EXPECT_FALSE(std::filesystem::exists(world.dir / "killed" / "model"));
  ASSERT_EQ(validations(world.dir / "killed").size(), 1u);

  // Resumed from the run directory alone, it ends where the straight run ended.
  BertPretrainSettings resume;
  resume.out = (world.dir / "killed").string();
  resume.resume = true;
  std::vector<std::string> notes;
  Progress noted;
  noted.on_note = [&](const std::string& line) { notes.push_back(line); };
  const auto resumed = pretrain_bert(resume, noted);
  EXPECT_EQ(resumed.steps, 6);
  EXPECT_NE(std::find(notes.begin(), notes.end(), "resuming " + resume.out + " at stage 1, step 2"),
            notes.end());
  const io::SafetensorsFile a(world.dir / "straight" / "model" / "model.safetensors");
  const io::SafetensorsFile b(world.dir / "killed" / "model" / "model.safetensors");
  ASSERT_EQ(a.entries().size(), b.entries().size());
  for (const auto& entry : a.entries())
    EXPECT_TRUE(a.tensor(entry.name).equal(b.tensor(entry.name))) << entry.name;
  // The validation history survives the kill: one line per validation, as in the straight run.
  const auto straight_log = validations(world.dir / "straight");
  const auto resumed_log = validations(world.dir / "killed");
  ASSERT_EQ(straight_log.size(), 3u);
  ASSERT_EQ(resumed_log.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(resumed_log[i]["step"], straight_log[i]["step"]);
    EXPECT_DOUBLE_EQ(resumed_log[i]["accuracy"].get<double>(),
                     straight_log[i]["accuracy"].get<double>());
  }
}

TEST(MlmPretrainer, TheRunDirectoryIsABertDirectory) {
  const TaskWorld world;
  const auto run = world.dir / "mlm";
  pretrain_bert(tiny_pretraining(world, "mlm"));
  // Hugging Face names in the final model.
  const io::SafetensorsFile weights(run / "model" / "model.safetensors");
  for (const char* name :
       {"bert.embeddings.word_embeddings.weight", "cls.predictions.bias",
        "cls.predictions.transform.dense.weight", "cls.predictions.transform.LayerNorm.weight"})
    EXPECT_TRUE(weights.contains(name)) << name;
  // The run directory stands for model/: a backbone and a tokenizer for `rmt train --init`.
  const auto backbone = nn::load_bert(run);
  EXPECT_TRUE(backbone.report.missing.empty()) << backbone.report.summary();
  EXPECT_EQ(backbone.report.unexpected.size(), 5u) << backbone.report.summary();  // cls.*
  EXPECT_TRUE(backbone.model->embeddings->word_embeddings->weight.equal(
      nn::load_bert_mlm(run / "model")->bert->embeddings->word_embeddings->weight));
  EXPECT_EQ(text::load_tokenizer(run)->vocab_size(), world.tokenizer->vocab_size());
  EXPECT_TRUE(
      nn::load_bert_mlm(run)->decoder_bias.equal(nn::load_bert_mlm(run / "model")->decoder_bias));

  const auto again = error_of([&] { pretrain_bert(tiny_pretraining(world, "mlm")); });
  EXPECT_NE(again.find("--resume"), std::string::npos) << again;
}

TEST(MlmLearner, EachSampleIsTheSameWhateverTheMicroBatches) {
  const TaskWorld world;
  torch::manual_seed(0);
  MlmLearner learner(
      nn::BertForMaskedLM(nn::BertModel(nn::bert_geometry("tiny", world.tokenizer->vocab_size()))),
      world.tokenizer, world.noise, 32, 0.15);
  const auto random = [](int64_t i) { return tasks::Random::keyed({7, static_cast<uint64_t>(i)}); };
  const auto whole = learner.masked_batch(tasks::Split::train, 0, 4, random);
  const auto last_two = learner.masked_batch(tasks::Split::train, 2, 2, random);
  ASSERT_EQ(whole.input_ids.sizes(), (std::vector<int64_t>{4, 32}));
  EXPECT_TRUE(whole.input_ids.slice(0, 2).equal(last_two.input_ids));
  // Each chosen position names its row in the batch, and its label is the token there.
  const auto rows = whole.positions.select(1, 0);
  EXPECT_EQ(rows.min().item<int64_t>(), 0);
  EXPECT_EQ(rows.max().item<int64_t>(), 3);
  const auto from_row_2 = rows.ge(2);
  EXPECT_TRUE(whole.labels.index({from_row_2}).equal(last_two.labels));
  // [CLS] first and [SEP] last in every row.
  const auto& special = world.tokenizer->special_tokens();
  EXPECT_TRUE(whole.input_ids.select(1, 0).eq(*special.cls).all().item<bool>());
  EXPECT_TRUE(whole.input_ids.select(1, 31).eq(*special.sep).all().item<bool>());
}

TEST(MlmPretrainer, LearnsTheNoiseText) {
  const TaskWorld world;
  auto options = tiny_pretraining(world, "mlm");
  options.settings.steps = 60;
  options.settings.save_every = 30;
  // The validation set the Trainer uses (its stream 2), scored by the untrained model.
  torch::manual_seed(0);
  MlmLearner untrained(
      nn::BertForMaskedLM(nn::BertModel(nn::bert_geometry("tiny", world.tokenizer->vocab_size()))),
      world.tokenizer, world.noise, 32, 0.15);
  const auto settings = options.settings.train_settings();
  const double before =
      untrained.accuracy({tasks::Split::validation, settings.seed, 2, 1, 8}, settings).fraction();
  pretrain_bert(options);
  const auto log = validations(world.dir / "mlm");
  ASSERT_EQ(log.size(), 2u);
  const double after = log[1]["accuracy"].get<double>();
  EXPECT_GT(after, 0.1);
  EXPECT_GT(after, before + 0.05) << "before " << before;
  // The mean training loss of steps 31-60 lies below that of steps 1-30.
  EXPECT_LT(log[1]["loss"].get<double>(), log[0]["loss"].get<double>() - 0.2)
      << log[0]["loss"] << " -> " << log[1]["loss"];
}

}  // namespace
}  // namespace mnemo::train
