// Model directories: a Hugging Face directory holding only pytorch_model.bin (torch.save, as
// older hub models come) is found and loads, through mnemo's torch.save reader.
#include "mnemo/nn/model_files.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/bert.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "test_support.h"

namespace mnemo::nn {
namespace {

namespace fs = std::filesystem;

// In the suite of the BERT reference, whose outputs it reads: model-bin/ holds config.json and
// pytorch_model.bin only, model/ the same weights as model.safetensors.
TEST(BertReference, ADirectoryWithOnlyPytorchModelBinIsFoundAndLoads) {
  const auto& dir = testing::reference_outputs("bert_reference.py");
  const auto bin_dir = dir / "model-bin";
  ASSERT_FALSE(fs::exists(bin_dir / "model.safetensors"));
  const auto files = find_model_files(bin_dir);
  EXPECT_EQ(files.weights, bin_dir / "pytorch_model.bin");
  EXPECT_EQ(files.config, bin_dir / "config.json");

  const auto from_bin = load_bert(bin_dir);
  const auto from_safetensors = load_bert(dir / "model");
  EXPECT_TRUE(from_bin.report.missing.empty()) << from_bin.report.summary();
  EXPECT_EQ(from_bin.report.unexpected, from_safetensors.report.unexpected);
  const auto want = from_safetensors.model->named_parameters();
  for (const auto& parameter : from_bin.model->named_parameters())
    EXPECT_TRUE(torch::equal(parameter.value(), want[parameter.key()])) << parameter.key();
}

TEST(ModelFiles, ADirectoryWithNeitherWeightsFileIsAnErrorNamingIt) {
  testing::ScratchDir dir;
  testing::write_text(dir / "config.json", "{}");
  EXPECT_EQ(testing::error_of([&] { find_model_files(dir.path()); }),
            dir.path().string() + ": holds neither model.safetensors nor pytorch_model.bin");
  fs::remove(dir / "config.json");
  testing::write_text(dir / "pytorch_model.bin", "");
  EXPECT_EQ(testing::error_of([&] { find_model_files(dir.path()); }),
            (dir / "config.json").string() + ": missing");
}

}  // namespace
}  // namespace mnemo::nn
