// The torch.save reader against files written by Debian's python3-torch
// (tests/reference/torch_checkpoint_reference.py).
#include "mnemo/io/torch_checkpoint.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fixtures.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "tensor_support.h"
#include "test_support.h"

namespace mnemo::io {
namespace {

using testing::ScratchDir;

class TorchCheckpoint : public ::testing::Test {
 protected:
  static std::filesystem::path file(const std::string& name) {
    return testing::reference_outputs("torch_checkpoint_reference.py") / name;
  }

  // The error read_torch_checkpoint gives for `path`, which must name the file.
  static std::string error_of(const std::filesystem::path& path) {
    try {
      read_torch_checkpoint(path);
    } catch (const Error& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(path.string()), std::string::npos) << message;
      return message;
    }
    ADD_FAILURE() << path << " was read without an error";
    return "";
  }
};

TEST_F(TorchCheckpoint, ReadsAStateDictWithSharedStoragesViewsAndDtypes) {
  const auto tensors = read_torch_checkpoint(file("state_dict.bin"));
  const auto expected = nlohmann::json::parse(read_file(file("state_dict.json")));
  ASSERT_EQ(tensors.size(), expected["order"].size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    const auto& [name, tensor] = tensors[i];
    EXPECT_EQ(name, expected["order"][i].get<std::string>());  // the saved order
    const auto& want = expected["tensors"][name];
    EXPECT_EQ(tensor.sizes().vec(), want["shape"].get<std::vector<int64_t>>()) << name;
    EXPECT_TRUE(tensor.is_contiguous()) << name;
    const std::string dtype = want["dtype"];
    if (dtype == "int64" || dtype == "bool") {  // 1-D here; exact, not through float
      EXPECT_EQ(tensor.scalar_type(), dtype == "bool" ? torch::kBool : torch::kLong);
      std::vector<int64_t> values;
      for (const auto& value : want["values"])
        values.push_back(value.is_boolean() ? value.get<bool>() : value.get<int64_t>());
      EXPECT_TRUE(torch::equal(tensor.to(torch::kLong), torch::tensor(values))) << name;
    } else if (tensor.numel() > 0) {
      EXPECT_EQ(tensor.scalar_type(), dtype == "float16" ? torch::kHalf : torch::kFloat) << name;
      const auto values = want["values"].is_array() ? testing::to_tensor(want["values"])
                                                    : torch::tensor(want["values"].get<float>());
      EXPECT_TRUE(torch::equal(tensor.to(torch::kFloat), values.view_as(tensor))) << name;
    }
  }
}

TEST_F(TorchCheckpoint, NeverRunsTheGlobalsOfAHostilePickle) {
  const std::string message = error_of(file("hostile.bin"));
  EXPECT_NE(message.find("refuses the global 'posix.system'"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(file("pwned")));
}

TEST_F(TorchCheckpoint, RefusesPickledClassesTrainingCheckpointsAndTheLegacyFormat) {
  EXPECT_NE(
      error_of(file("module.bin")).find("refuses the global 'torch.nn.modules.linear.Linear'"),
      std::string::npos);
  EXPECT_NE(error_of(file("training.bin")).find("'model' is a dict, not a tensor"),
            std::string::npos);
  EXPECT_NE(error_of(file("legacy.bin")).find("legacy torch.save format"), std::string::npos);
}

TEST_F(TorchCheckpoint, TruncatedOrMissingFilesAreClearErrors) {
  const std::string bytes = read_file(file("state_dict.bin"));
  ScratchDir scratch;
  const auto cut = scratch / "cut.bin";
  testing::write_text(cut, bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(error_of(cut).find("not a PyTorch zip checkpoint"), std::string::npos);
  testing::write_text(scratch / "text.bin", "just some text");
  EXPECT_NE(error_of(scratch / "text.bin").find("not a PyTorch zip checkpoint"), std::string::npos);
  EXPECT_NE(error_of(scratch / "absent.bin").find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace mnemo::io
