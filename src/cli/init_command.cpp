// The `init` subcommand shared by `mnemo bert` and `mnemo gpt2`.
#include "cli/command.h"

namespace mnemo::cli {

void add_init_command(CLI::App& group, Action& action, const std::string& description,
                      const std::vector<std::string>& geometries,
                      std::function<void(const InitOptions&)> run) {
  auto options = std::make_shared<InitOptions>();
  options->geometry = geometries.front();
  std::string names;
  for (const auto& name : geometries) names += (names.empty() ? "" : ", ") + name;
  auto* init = group.add_subcommand("init", description);
  init->add_option("--config", options->geometry, "geometry: " + names)
      ->capture_default_str()
      ->check(CLI::IsMember(geometries));
  init->add_option("--tokenizer", options->tokenizer,
                   "directory holding the tokenizer to use (and copy)")
      ->required()
      ->check(CLI::ExistingDirectory);
  init->add_option("--out", options->out, "model directory to write (replaced atomically)")
      ->required();
  init->add_option("--seed", options->seed, "random seed")->capture_default_str();
  init->callback([&action, options, run] { action = [options, run] { run(*options); }; });
}

}  // namespace mnemo::cli
