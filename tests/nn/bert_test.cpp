#include "mnemo/nn/bert.h"

#include <torch/torch.h>

#include <fstream>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "tensor_support.h"
#include "test_support.h"

namespace mnemo::nn {
namespace {

using testing::long_tensor;
using testing::ScratchDir;
using testing::to_tensor;

TEST(Bert, ParameterNamesAreHuggingFaceNames) {
  BertConfig config = bert_geometry("tiny", 50);
  BertModel model(config);
  std::set<std::string> names;
  for (const auto& item : model->named_parameters()) names.insert(item.key());
  for (const char* expected :
       {"embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight",
        "embeddings.LayerNorm.bias", "encoder.layer.0.attention.self.query.weight",
        "encoder.layer.0.attention.self.key.bias", "encoder.layer.0.attention.self.value.weight",
        "encoder.layer.0.attention.output.dense.weight",
        "encoder.layer.0.attention.output.LayerNorm.weight",
        "encoder.layer.1.intermediate.dense.weight", "encoder.layer.1.output.dense.bias",
        "encoder.layer.1.output.LayerNorm.bias", "pooler.dense.weight"})
    EXPECT_TRUE(names.count(expected)) << expected;
  EXPECT_EQ(names.size(), 5u + 16u * 2 + 2u);
}

TEST(Bert, MatchesTheSharedFixtureWithin1e4) {
  const auto fixture = testing::shared_fixture("bert-tiny");
  if (fixture.empty()) MNEMO_SKIP("../shared/fixtures/bert-tiny is not beside this checkout");
  auto loaded = load_bert(fixture);
  EXPECT_TRUE(loaded.report.unexpected.empty());
  EXPECT_EQ(loaded.report.missing,
            (std::vector<std::string>{"pooler.dense.bias", "pooler.dense.weight"}));
  loaded.model->eval();
  const auto expected = io::read_json_file(fixture / "expected.json");
  const double tolerance = expected["tolerance_abs"].get<double>();
  ASSERT_EQ(expected["cases"].size(), 3u);
  for (const auto& c : expected["cases"]) {
    BertInputs inputs;
    inputs.input_ids = long_tensor(c["input_ids"]).unsqueeze(0);
    const auto hidden = loaded.model->forward(inputs).last_hidden_state[0];
    const auto reference = to_tensor(c["last_hidden_state"]);
    ASSERT_EQ(hidden.sizes(), reference.sizes());
    EXPECT_LT((hidden - reference).abs().max().item<double>(), tolerance) << c["input_ids"].dump();
  }
}

// From model.safetensors and from pytorch_model.bin alike.
TEST(BertReference, MatchesPythonReferenceWithPaddingTokenTypesPoolerAndLegacyNames) {
  const auto& dir = testing::reference_outputs("bert_reference.py");
  const auto expected = io::read_json_file(dir / "expected.json");
  BertInputs inputs;
  inputs.input_ids = long_tensor(expected["input_ids"]);
  inputs.token_type_ids = long_tensor(expected["token_type_ids"]);
  inputs.attention_mask = long_tensor(expected["attention_mask"]);
  for (const char* model_dir : {"model", "model-bin"}) {
    SCOPED_TRACE(model_dir);
    auto loaded = load_bert(dir / model_dir);
    EXPECT_TRUE(loaded.report.missing.empty()) << loaded.report.summary();
    EXPECT_EQ(loaded.report.unexpected, std::vector<std::string>{"cls.predictions.bias"});
    loaded.model->eval();
    const auto out = loaded.model->forward(inputs);
    EXPECT_LT((out.last_hidden_state - to_tensor(expected["last_hidden_state"]))
                  .abs()
                  .max()
                  .item<double>(),
              1e-4);
    EXPECT_LT((out.pooler_output - to_tensor(expected["pooler_output"])).abs().max().item<double>(),
              1e-4);
  }
}

TEST(Bert, PaddingDoesNotChangeTheRealTokens) {
  torch::manual_seed(3);
  BertModel model(bert_geometry("tiny", 40));
  model->eval();
  BertInputs alone;
  alone.input_ids = torch::tensor({{2, 7, 9, 3}}, torch::kLong);
  BertInputs padded;
  padded.input_ids = torch::tensor({{2, 7, 9, 3, 0, 0}}, torch::kLong);
  padded.attention_mask = torch::tensor({{1, 1, 1, 1, 0, 0}}, torch::kLong);
  const auto a = model->forward(alone).last_hidden_state;
  const auto b = model->forward(padded).last_hidden_state.slice(1, 0, 4);
  EXPECT_LT((a - b).abs().max().item<double>(), 1e-5);
}

TEST(Bert, SaveAndLoadGiveIdenticalOutputs) {
  ScratchDir dir;
  torch::manual_seed(5);
  BertModel model(bert_geometry("tiny", 30));
  model->eval();
  io::AtomicDirectory out(dir / "bert");
  save_bert(out, *model);
  out.commit();
  auto loaded = load_bert(dir / "bert");
  EXPECT_TRUE(loaded.report.missing.empty() && loaded.report.unexpected.empty())
      << loaded.report.summary();
  loaded.model->eval();
  BertInputs inputs;
  inputs.input_ids = torch::tensor({{1, 2, 3, 4, 5}}, torch::kLong);
  EXPECT_TRUE(torch::equal(model->forward(inputs).last_hidden_state,
                           loaded.model->forward(inputs).last_hidden_state));
}

TEST(Bert, InputsEmbedsEqualTheWordEmbeddingPath) {
  torch::manual_seed(8);
  BertModel model(bert_geometry("tiny", 30));
  model->eval();
  BertInputs by_ids;
  by_ids.input_ids = torch::tensor({{4, 5, 6}}, torch::kLong);
  BertInputs by_rows;
  by_rows.inputs_embeds = model->embeddings->word_embeddings(by_ids.input_ids);
  EXPECT_TRUE(torch::allclose(model->forward(by_ids).last_hidden_state,
                              model->forward(by_rows).last_hidden_state));
}

TEST(Bert, ACheckpointWhoseShapesDisagreeWithItsConfigIsRefused) {
  ScratchDir dir;
  BertModel model(bert_geometry("tiny", 30));
  io::AtomicDirectory out(dir / "bert");
  save_bert(out, *model);
  out.commit();
  auto config = io::read_json_file(dir / "bert" / "config.json");
  config["vocab_size"] = 31;
  testing::write_text(dir / "bert" / "config.json", config.dump());
  try {
    load_bert(dir / "bert");
    FAIL() << "loaded a checkpoint with the wrong vocabulary size";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("model.safetensors"), std::string::npos) << message;
    EXPECT_NE(message.find("embeddings.word_embeddings.weight"), std::string::npos) << message;
    EXPECT_NE(message.find("[30, 64]"), std::string::npos) << message;
  }
}

TEST(Bert, BadConfigsAndInputsAreClearErrors) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "m");
  testing::write_text(dir / "m" / "config.json",
                      R"({"hidden_size": 30, "num_attention_heads": 4})");
  testing::write_text(dir / "m" / "model.safetensors", "");
  EXPECT_THROW(load_bert(dir / "m"), Error);
  testing::write_text(dir / "m" / "config.json", R"({"hidden_size": "big"})");
  EXPECT_THROW(load_bert(dir / "m"), Error);
  EXPECT_THROW(load_bert(dir / "missing"), Error);

  BertModel model(bert_geometry("tiny", 30));
  BertInputs out_of_vocabulary;
  out_of_vocabulary.input_ids = torch::tensor({{1, 30}}, torch::kLong);
  EXPECT_THROW(model->forward(out_of_vocabulary), Error);
  BertInputs too_long;
  too_long.input_ids = torch::ones({1, 65}, torch::kLong);
  EXPECT_THROW(model->forward(too_long), Error);
  BertInputs wrong_mask;
  wrong_mask.input_ids = torch::ones({1, 4}, torch::kLong);
  wrong_mask.attention_mask = torch::ones({1, 5}, torch::kLong);
  EXPECT_THROW(model->forward(wrong_mask), Error);
}

TEST(Bert, CheckpointKeysAcceptHuggingFaceSpellings) {
  EXPECT_EQ(*bert_checkpoint_key("bert.embeddings.LayerNorm.gamma"), "embeddings.LayerNorm.weight");
  EXPECT_EQ(*bert_checkpoint_key("bert.encoder.layer.3.output.LayerNorm.beta"),
            "encoder.layer.3.output.LayerNorm.bias");
  EXPECT_EQ(*bert_checkpoint_key("encoder.layer.0.attention.self.query.weight"),
            "encoder.layer.0.attention.self.query.weight");
  EXPECT_FALSE(bert_checkpoint_key("bert.embeddings.position_ids").has_value());
  EXPECT_EQ(*bert_checkpoint_key("cls.predictions.bias"), "cls.predictions.bias");
}

}  // namespace
}  // namespace mnemo::nn
