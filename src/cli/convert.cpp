// mnemo convert: a PyTorch pytorch_model.bin (torch.save of a state dict) as safetensors,
// read without running its pickle (io/torch_checkpoint.h).
#include <iostream>

#include "cli/commands.h"
#include "mnemo/io/checkpoint_conversion.h"

namespace mnemo::cli {

void add_convert(CLI::App& app, Action& action) {
  auto settings = std::make_shared<io::ConvertSettings>();
  auto* command = app.add_subcommand(
      "convert", "a PyTorch state dict (pytorch_model.bin) as safetensors, read safely");
  command->add_option("--in", settings->in, "torch.save file (zip format, PyTorch >= 1.6)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--out", settings->out, "safetensors file to write")->required();
  on_chosen(*command, action, [settings] {
    const auto result = io::convert_torch_checkpoint(*settings);
    std::cout << "wrote " << settings->out << ": " << result.tensors << " tensors, "
              << result.values << " values\n";
  });
}

}  // namespace mnemo::cli
