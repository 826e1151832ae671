// mnemo convert: a PyTorch pytorch_model.bin (torch.save of a state dict) as safetensors,
// read without running its pickle (io/torch_checkpoint.h).
#include <iostream>

#include "cli/command.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/io/torch_checkpoint.h"

namespace mnemo::cli {
namespace {

struct ConvertOptions {
  std::string in, out;
};

void run_convert(const ConvertOptions& options) {
  io::NamedTensors tensors = io::read_torch_checkpoint(options.in);
  int64_t parameters = 0;
  for (auto& [name, tensor] : tensors) {
    // safetensors as mnemo writes it holds float32, float16, bfloat16 and int64.
    if (tensor.is_floating_point() && tensor.scalar_type() == torch::kDouble)
      tensor = tensor.to(torch::kFloat);
    else if (!tensor.is_floating_point())
      tensor = tensor.to(torch::kLong);
    parameters += tensor.numel();
  }
  io::save_safetensors(options.out, tensors, {{"format", "pt"}});
  std::cout << "wrote " << options.out << ": " << tensors.size() << " tensors, " << parameters
            << " values\n";
}

}  // namespace

void add_convert_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ConvertOptions>();
  auto* command = app.add_subcommand(
      "convert", "a PyTorch state dict (pytorch_model.bin) as safetensors, read safely");
  command->add_option("--in", options->in, "torch.save file (zip format, PyTorch >= 1.6)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--out", options->out, "safetensors file to write")->required();
  command->callback([&action, options] { action = [options] { run_convert(*options); }; });
}

}  // namespace mnemo::cli
