// CLaMP against a plain PyTorch implementation of the official math
// (tests/reference/clamp_reference.py), from pytorch_model.bin, from model.safetensors and
// from the official release's music config ("vocab_size": 1).
#include "mnemo/clamp/clamp_model.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/clamp/pipeline.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert.h"
#include "mnemo/nn/state_dict.h"
#include "tensor_support.h"
#include "test_support.h"

namespace mnemo::clamp {
namespace {

using testing::ScratchDir;

class ClampParity : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = testing::reference_outputs("clamp_reference.py");
    expected_ = nlohmann::json::parse(io::read_file(dir_ / "expected.json"));
  }
  std::vector<std::vector<Patch>> expected_pieces() const {
    std::vector<std::vector<Patch>> pieces;
    for (const auto& piece : expected_["music_codes"]) {
      pieces.emplace_back();
      for (const auto& row : piece) {
        Patch patch{};
        for (size_t i = 0; i < patch.size(); ++i) patch[i] = row[i].get<uint8_t>();
        pieces.back().push_back(patch);
      }
    }
    return pieces;
  }
  std::filesystem::path dir_;
  nlohmann::json expected_;
};

TEST_P(ClampParity, TextAndMusicEmbeddingsMatchWithin1e4InPaddedBatches) {
  const auto model_dir = dir_ / GetParam();
  auto loaded = load_clamp(model_dir);
  EXPECT_TRUE(loaded.report.unexpected.empty()) << loaded.report.summary();
  EXPECT_DOUBLE_EQ(loaded.model->logit_scale.item<double>(), ClampModelImpl::kOfficialLogitScale);
  EXPECT_EQ(loaded.model->config().max_patches, 12);

  const ClampTokenizer tokenizer(model_dir, loaded.model->config().max_text_tokens);
  std::vector<std::vector<int64_t>> ids;
  for (const auto& text : expected_["texts"])
    ids.push_back(tokenizer.encode(text.get<std::string>()));
  EXPECT_EQ(ids, expected_["text_ids"].get<std::vector<std::vector<int64_t>>>());
  EXPECT_EQ(ids[1].size(), 128u);

  torch::NoGradGuard no_grad;
  const auto texts = text_batch(ids, tokenizer.pad_id());
  const auto text_embeddings = loaded.model->text_features(texts.inputs, texts.mask);
  const auto music = music_batch(expected_pieces());
  const auto music_embeddings = loaded.model->music_features(music.inputs, music.mask);
  const auto want_text = testing::to_tensor(expected_["text_embeddings"]);
  const auto want_music = testing::to_tensor(expected_["music_embeddings"]);
  ASSERT_EQ(text_embeddings.sizes(), want_text.sizes());
  ASSERT_EQ(music_embeddings.sizes(), want_music.sizes());
  EXPECT_LT((text_embeddings - want_text).abs().max().item<double>(), 1e-4);
  EXPECT_LT((music_embeddings - want_music).abs().max().item<double>(), 1e-4);

  // The same through the pipeline `clamp embed` runs.
  std::string joined;
  for (const auto id : ids[0]) joined += (joined.empty() ? "" : ",") + std::to_string(id);
  EmbedSettings settings;
  settings.model.model = model_dir.string();
  settings.text_ids = joined;
  const auto embedded = embed(settings).values;
  ASSERT_EQ(embedded.size(), static_cast<size_t>(want_text.size(1)));
  for (size_t i = 0; i < embedded.size(); ++i)
    EXPECT_NEAR(embedded[i], want_text[0][static_cast<int64_t>(i)].item<double>(), 1e-4) << i;
}

// The official release's config.json says "vocab_size": 1: the music BERT's word embeddings,
// which CLaMP never reads, are (1, d) in its checkpoint, and so in the model.
TEST_P(ClampParity, TheMusicWordEmbeddingsTakeTheConfigsVocabularySize) {
  const auto loaded = load_clamp(dir_ / GetParam());
  const int64_t rows = GetParam() == std::string("vocab1") ? 1 : kPatchClasses;
  EXPECT_EQ(loaded.model->config().music.vocab_size, rows);
  EXPECT_EQ(loaded.model->music_enc->enc->embeddings->word_embeddings->weight.size(0), rows);
}

INSTANTIATE_TEST_SUITE_P(EveryLayout, ClampParity,
                         ::testing::Values("bin", "safetensors", "vocab1"));

ClampConfig tiny_config() { return clamp_geometry("tiny", 300, 16); }

TEST(ClampCheckpoint, SaveAndLoadGiveTheSameEmbeddingsAndKeepTheTemperature) {
  torch::manual_seed(3);
  ClampModel model(tiny_config());
  init_clamp_weights(*model);
  model->eval();
  {
    torch::NoGradGuard no_grad;
    model->logit_scale.fill_(1.7);
  }
  ScratchDir dir;
  io::AtomicDirectory out(dir / "model");
  save_clamp(out, *model);
  out.commit();
  auto loaded = load_clamp(dir / "model");
  EXPECT_DOUBLE_EQ(loaded.model->logit_scale.item<double>(), 1.7f);

  torch::NoGradGuard no_grad;
  const auto texts = text_batch({{0, 50, 60, 2}, {0, 70, 2}}, 1);
  EXPECT_TRUE(torch::equal(model->text_features(texts.inputs, texts.mask),
                           loaded.model->text_features(texts.inputs, texts.mask)));
  const auto music = music_batch({patchify("K:C\nabc|def|\n"), patchify("K:G\nGAB|\n")});
  const auto a = model->music_features(music.inputs, music.mask);
  EXPECT_TRUE(torch::equal(a, loaded.model->music_features(music.inputs, music.mask)));
  // Padding a piece in a batch leaves its embedding as it is alone.
  const auto alone = music_batch({patchify("K:G\nGAB|\n")});
  EXPECT_LT((model->music_features(alone.inputs, alone.mask)[0] - a[1]).abs().max().item<double>(),
            1e-5);
}

TEST(ClampCheckpoint, AnotherModelsWeightsAreRefusedNamingTheFileAndTheLayout) {
  ScratchDir dir;
  const auto config = tiny_config();
  {
    io::AtomicDirectory out(dir / "model");
    config.save(out);
    nn::BertModel bert(config.music);  // a bare BERT: keys without text_enc./music_enc.
    io::save_safetensors(out.staging() / "model.safetensors", nn::state_dict(*bert));
    out.commit();
  }
  try {
    load_clamp(dir / "model");
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find((dir / "model" / "model.safetensors").string() +
                           ": is not a CLaMP checkpoint"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("text_enc."), std::string::npos) << message;
  }
  std::filesystem::remove(dir / "model" / "model.safetensors");
  EXPECT_THROW(load_clamp(dir / "model"), Error);  // neither weights file
  // A BERT-base config beside the tiny text encoder: the two encoders cannot meet.
  testing::write_text(dir / "model" / "config.json",
                      R"({"model_type": "bert", "vocab_size": 30522})");
  try {
    ClampConfig::load(dir / "model");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the text and music encoders differ in hidden_size"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace mnemo::clamp
