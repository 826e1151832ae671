#include "mnemo/nn/gpt2.h"

#include <torch/torch.h>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/lm/generation.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "tensor_support.h"
#include "test_support.h"

namespace mnemo::nn {
namespace {

using testing::error_of;
using testing::long_tensor;
using testing::ScratchDir;
using testing::to_tensor;

// The Python reference (tests/reference/gpt2_reference.py), written once per test run.
class Gpt2Reference : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::reference_outputs("gpt2_reference.py");
    expected_ = io::read_json_file(dir_ / "expected.json");
  }
  std::filesystem::path dir_;
  nlohmann::json expected_;
};

Gpt2LMHeadModel tiny_model(int64_t seed, int64_t vocab = 50) {
  torch::manual_seed(seed);
  Gpt2LMHeadModel model(gpt2_geometry("tiny", vocab));
  model->eval();
  return model;
}

TEST(Gpt2, ParameterNamesAreHuggingFaceNames) {
  auto model = tiny_model(1);
  std::set<std::string> names;
  for (const auto& item : model->named_parameters()) names.insert(item.key());
  for (const char* expected :
       {"transformer.wte.weight", "transformer.wpe.weight", "transformer.h.0.ln_1.weight",
        "transformer.h.0.attn.c_attn.weight", "transformer.h.0.attn.c_attn.bias",
        "transformer.h.0.attn.c_proj.weight", "transformer.h.1.ln_2.bias",
        "transformer.h.1.mlp.c_fc.weight", "transformer.h.1.mlp.c_proj.bias",
        "transformer.ln_f.weight", "transformer.ln_f.bias"})
    EXPECT_TRUE(names.count(expected)) << expected;
  EXPECT_EQ(names.size(), 2u + 12u * 2 + 2u);  // no lm_head: it is wte
  EXPECT_EQ(model->blocks[0]->c_attn->weight.sizes(), torch::IntArrayRef({64, 192}));  // [in, out]
}

TEST_F(Gpt2Reference, LogitsMatchThePythonReferenceWithin1e4) {
  auto loaded = load_gpt2(dir_ / "model");
  EXPECT_TRUE(loaded.report.missing.empty()) << loaded.report.summary();
  EXPECT_TRUE(loaded.report.unexpected.empty()) << loaded.report.summary();
  loaded.model->eval();
  Gpt2Inputs inputs;
  inputs.input_ids = long_tensor(expected_["input_ids"]);
  inputs.attention_mask = long_tensor(expected_["attention_mask"]);
  const auto logits = loaded.model->forward(inputs);
  const auto reference = to_tensor(expected_["logits"]);
  ASSERT_EQ(logits.sizes(), reference.sizes());
  EXPECT_LT((logits - reference).abs().max().item<double>(), 1e-4);
}

TEST_F(Gpt2Reference, GreedyGenerationMatchesWithAndWithoutTheCache) {
  auto loaded = load_gpt2(dir_ / "model");
  const auto prompt = expected_["prompt"].get<std::vector<int64_t>>();
  auto greedy = expected_["greedy"].get<std::vector<int64_t>>();
  greedy.erase(greedy.begin(), greedy.begin() + int64_t(prompt.size()));
  lm::GenerationOptions options;
  options.max_new_tokens = int64_t(greedy.size());
  EXPECT_EQ(lm::generate(*loaded.model, prompt, options), greedy);
  options.use_cache = false;
  EXPECT_EQ(lm::generate(*loaded.model, prompt, options), greedy);
}

TEST(Gpt2, TheCacheGivesTheLogitsOfTheWholeSequence) {
  auto model = tiny_model(2);
  const auto ids = torch::randint(0, 50, {2, 9}, torch::kLong);
  Gpt2Inputs whole;
  whole.input_ids = ids;
  const auto expected = model->forward(whole);
  KvCache cache;
  std::vector<torch::Tensor> pieces;
  for (const auto& [start, end] :
       std::vector<std::pair<int64_t, int64_t>>{{0, 4}, {4, 5}, {5, 9}}) {
    Gpt2Inputs part;
    part.input_ids = ids.slice(1, start, end);
    part.cache = &cache;
    pieces.push_back(model->forward(part));
  }
  EXPECT_EQ(cached_length(cache), 9);
  EXPECT_LT((torch::cat(pieces, 1) - expected).abs().max().item<double>(), 1e-5);
}

TEST(Gpt2, LeftPaddingDoesNotChangeTheRealTokens) {
  auto model = tiny_model(3);
  Gpt2Inputs alone;
  alone.input_ids = torch::tensor({{4, 8, 15, 16}}, torch::kLong);
  Gpt2Inputs padded;
  padded.input_ids = torch::tensor({{0, 0, 4, 8, 15, 16}}, torch::kLong);
  padded.attention_mask = torch::tensor({{0, 0, 1, 1, 1, 1}}, torch::kLong);
  padded.position_ids = torch::tensor({{0, 0, 0, 1, 2, 3}}, torch::kLong);
  const auto a = model->forward(alone);
  const auto b = model->forward(padded).slice(1, 2, 6);
  EXPECT_LT((a - b).abs().max().item<double>(), 1e-5);
}

TEST(Gpt2, SaveAndLoadGiveIdenticalLogitsUnderTransformerNames) {
  ScratchDir dir;
  auto model = tiny_model(4);
  io::AtomicDirectory out(dir / "gpt2");
  save_gpt2(out, *model);
  out.commit();
  io::SafetensorsFile file(dir / "gpt2" / "model.safetensors");
  for (const auto& entry : file.entries())
    EXPECT_EQ(entry.name.rfind("transformer.", 0), 0u) << entry.name;
  auto loaded = load_gpt2(dir / "gpt2");
  EXPECT_TRUE(loaded.report.missing.empty() && loaded.report.unexpected.empty())
      << loaded.report.summary();
  loaded.model->eval();
  Gpt2Inputs inputs;
  inputs.input_ids = torch::tensor({{1, 2, 3, 4, 5}}, torch::kLong);
  EXPECT_TRUE(torch::equal(model->forward(inputs), loaded.model->forward(inputs)));
}

TEST(Gpt2, CheckpointKeysOfEveryHuggingFaceSpellingMapToOneName) {
  EXPECT_EQ(gpt2_checkpoint_key("h.0.attn.c_attn.weight"), "transformer.h.0.attn.c_attn.weight");
  EXPECT_EQ(gpt2_checkpoint_key("transformer.wte.weight"), "transformer.wte.weight");
  EXPECT_EQ(gpt2_checkpoint_key("h.3.attn.bias"), std::nullopt);
  EXPECT_EQ(gpt2_checkpoint_key("transformer.h.3.attn.masked_bias"), std::nullopt);
  EXPECT_EQ(gpt2_checkpoint_key("lm_head.weight"), std::nullopt);
  EXPECT_EQ(gpt2_checkpoint_key("h.3.attn.c_proj.bias"), "transformer.h.3.attn.c_proj.bias");
}

TEST(Gpt2, DirectoriesOfTheOtherArchitectureAreRefusedByName) {
  ScratchDir dir;
  io::AtomicDirectory bert_out(dir / "bert");
  BertModel bert(bert_geometry("tiny", 30));
  save_bert(bert_out, *bert);
  bert_out.commit();
  const std::string as_gpt2 = error_of([&] { load_gpt2(dir / "bert"); });
  EXPECT_NE(as_gpt2.find("config.json"), std::string::npos) << as_gpt2;
  EXPECT_NE(as_gpt2.find("not a GPT-2"), std::string::npos) << as_gpt2;

  io::AtomicDirectory gpt2_out(dir / "gpt2");
  save_gpt2(gpt2_out, *tiny_model(5));
  gpt2_out.commit();
  const std::string as_bert = error_of([&] { load_bert(dir / "gpt2"); });
  EXPECT_NE(as_bert.find("not a BERT"), std::string::npos) << as_bert;
}

TEST(Gpt2, ShapesThatDisagreeWithTheConfigAreNamed) {
  ScratchDir dir;
  io::AtomicDirectory out(dir / "gpt2");
  save_gpt2(out, *tiny_model(6));
  out.commit();
  auto config = io::read_json_file(dir / "gpt2" / "config.json");
  config["n_inner"] = 100;
  testing::write_text(dir / "gpt2" / "config.json", config.dump());
  const std::string message = error_of([&] { load_gpt2(dir / "gpt2"); });
  EXPECT_NE(message.find("model.safetensors"), std::string::npos) << message;
  EXPECT_NE(message.find("transformer.h.0.mlp.c_"), std::string::npos) << message;
  EXPECT_NE(message.find("256]"), std::string::npos) << message;
  EXPECT_NE(message.find("100]"), std::string::npos) << message;
}

TEST(Gpt2, UnsupportedConfigsAndInputsAreClearErrors) {
  nlohmann::json config = gpt2_geometry("tiny", 50).to_json();
  config["reorder_and_upcast_attn"] = true;
  EXPECT_NE(error_of([&] { Gpt2Config::from_json(config, "c.json"); }).find("c.json"),
            std::string::npos);
  auto model = tiny_model(7);
  Gpt2Inputs too_long;
  too_long.input_ids = torch::zeros({1, 129}, torch::kLong);
  EXPECT_NE(error_of([&] { model->forward(too_long); }).find("n_positions 128"), std::string::npos);
  Gpt2Inputs outside;
  outside.input_ids = torch::tensor({{3, 50}}, torch::kLong);
  EXPECT_NE(error_of([&] { model->forward(outside); }).find("token id 50"), std::string::npos);
  lm::GenerationOptions options;
  options.max_new_tokens = 125;
  EXPECT_NE(error_of([&] {
              lm::generate(*model, {1, 2, 3, 4}, options);
            }).find("n_positions"),
            std::string::npos);
}

TEST(Generation, SamplingIsSeededAndItsFiltersNarrowToGreedy) {
  auto model = tiny_model(8);
  const std::vector<int64_t> prompt = {5, 6, 7};
  lm::GenerationOptions greedy;
  greedy.max_new_tokens = 8;
  const auto expected = lm::generate(*model, prompt, greedy);

  lm::GenerationOptions sampled = greedy;
  sampled.sampling.sample = true;
  sampled.sampling.seed = 11;
  sampled.sampling.temperature = 5.0;  // flat enough that sampling surely departs from argmax
  const auto first = lm::generate(*model, prompt, sampled);
  EXPECT_EQ(first, lm::generate(*model, prompt, sampled));
  sampled.use_cache = false;
  EXPECT_EQ(first, lm::generate(*model, prompt, sampled));
  sampled.sampling.seed = 12;
  EXPECT_NE(first, lm::generate(*model, prompt, sampled));

  lm::GenerationOptions top_k = sampled;
  top_k.sampling.top_k = 1;
  EXPECT_EQ(lm::generate(*model, prompt, top_k), expected);
  lm::GenerationOptions top_p = sampled;
  top_p.sampling.top_p = 1e-6;
  EXPECT_EQ(lm::generate(*model, prompt, top_p), expected);
}

TEST(Generation, TopPKeepsTheSmallestSetHoldingTheProbability) {
  lm::SamplingOptions options;
  options.sample = true;
  options.top_p = 0.7;  // probabilities 0.5, 0.3, 0.2: {0.5, 0.3} is the smallest set
  const auto logits = torch::tensor({0.5, 0.3, 0.2}).log();
  std::set<int64_t> seen;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    options.seed = seed;
    seen.insert(lm::TokenSampler(options).next(logits));
  }
  EXPECT_EQ(seen, (std::set<int64_t>{0, 1}));
}

TEST(Generation, BadSamplingOptionsAreRefused) {
  lm::SamplingOptions options;
  options.temperature = 0;
  EXPECT_NE(error_of([&] { lm::TokenSampler{options}; }).find("temperature"), std::string::npos);
  options = {};
  options.top_p = 1.5;
  EXPECT_NE(error_of([&] { lm::TokenSampler{options}; }).find("top-p"), std::string::npos);
}

TEST(Generation, AnEndOfTextTokenStopsGeneration) {
  auto model = tiny_model(9);
  lm::GenerationOptions options;
  options.max_new_tokens = 6;
  const auto free_run = lm::generate(*model, {1, 2}, options);
  options.eos_token_id = free_run[2];
  const auto stopped = lm::generate(*model, {1, 2}, options);
  const auto first_eos = std::find(free_run.begin(), free_run.end(), free_run[2]);
  EXPECT_EQ(stopped, std::vector<int64_t>(free_run.begin(), first_eos + 1));
}

}  // namespace
}  // namespace mnemo::nn
