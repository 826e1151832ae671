// GPT-NeoX against a plain PyTorch implementation of Hugging Face's math, on checkpoints
// written by Debian's python3-torch in the layout Pythia is published in.
#include "mnemo/nn/gpt_neox.h"

#include <torch/torch.h>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/nn/gpt2_config.h"
#include "mnemo/nn/gpt_neox_checkpoint.h"
#include "tensor_support.h"
#include "test_support.h"

namespace mnemo::nn {
namespace {

using testing::error_of;
using testing::ScratchDir;

class GptNeoxReference : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::reference_outputs("gpt_neox_reference.py");
    expected_ = nlohmann::json::parse(io::read_file(dir_ / "expected.json"));
  }
  torch::Tensor ids() const { return testing::long_tensor(expected_.at("input_ids")); }
  std::filesystem::path dir_;
  nlohmann::json expected_;
};

TEST_F(GptNeoxReference, LogitsMatchWithParallelAndSequentialResiduals) {
  torch::NoGradGuard no_grad;
  for (const std::string name : {"parallel", "sequential"}) {
    auto loaded = load_gpt_neox(dir_ / name);
    EXPECT_TRUE(loaded.report.unexpected.empty()) << loaded.report.summary();
    EXPECT_EQ(loaded.model->config().use_parallel_residual, name == "parallel");
    const auto want = testing::to_tensor(expected_.at(name));
    EXPECT_LT((loaded.model->forward(ids()) - want).abs().max().item<double>(), 1e-4) << name;
  }
}

TEST_F(GptNeoxReference, TheCacheGivesTheLogitsOfTheFullSequence) {
  torch::NoGradGuard no_grad;
  auto model = load_gpt_neox(dir_ / "parallel").model;
  const auto all = ids();
  const auto full = model->forward(all);
  KvCache cache;
  auto step = model->forward(all.slice(1, 0, 5), &cache);
  EXPECT_LT((step - full.slice(1, 0, 5)).abs().max().item<double>(), 1e-5);
  for (int64_t at = 5; at < all.size(1); ++at) {
    step = model->forward(all.slice(1, at, at + 1), &cache);
    EXPECT_LT((step.select(1, 0) - full.select(1, at)).abs().max().item<double>(), 1e-4) << at;
  }
  EXPECT_EQ(cached_length(cache), all.size(1));
}

TEST_F(GptNeoxReference, SavesAsSafetensorsAndReadsBackTheSameModel) {
  torch::NoGradGuard no_grad;
  auto model = load_gpt_neox(dir_ / "sequential").model;
  ScratchDir out;
  {
    io::AtomicDirectory dir(out / "copy");
    save_gpt_neox(dir, *model);
    dir.commit();
  }
  auto copy = load_gpt_neox(out / "copy").model;
  EXPECT_TRUE(torch::equal(copy->forward(ids()), model->forward(ids())));
}

TEST(GptNeox, OtherModelsAndBadConfigsAreClearErrors) {
  ScratchDir dir;
  {
    io::AtomicDirectory out(dir / "gpt2");
    Gpt2LMHeadModel gpt2(gpt2_geometry("tiny", 30));
    save_gpt2(out, *gpt2);
    out.commit();
  }
  auto message = error_of([&] { load_gpt_neox(dir / "gpt2"); });
  EXPECT_NE(message.find("config.json: model_type is 'gpt2', not 'gpt_neox'"), std::string::npos)
      << message;

  // A GPT-NeoX config over GPT-2 weights: nothing of GPT-NeoX's is in the file.
  GptNeoxConfig config;
  config.vocab_size = 30, config.hidden_size = 16, config.num_hidden_layers = 1;
  config.num_attention_heads = 2, config.intermediate_size = 32;
  io::write_file_atomic(dir / "gpt2" / "config.json", config.to_json().dump());
  message = error_of([&] { load_gpt_neox(dir / "gpt2"); });
  EXPECT_NE(message.find("model.safetensors: is not a GPT-NeoX checkpoint"), std::string::npos)
      << message;

  auto json = config.to_json();
  json["rotary_pct"] = 0.2;  // 8 x 0.2 = 1 rotary dimension: odd
  message = error_of([&] { GptNeoxConfig::from_json(json, "c.json"); });
  EXPECT_NE(message.find("c.json: rotary dimensions"), std::string::npos) << message;
}

}  // namespace
}  // namespace mnemo::nn
