#include "cli/support/init_flags.h"

#include <iostream>
#include <memory>

namespace mnemo::cli {

void add_init(CLI::App& group, Action& action, const std::string& description,
              const std::vector<std::string>& geometries,
              nn::InitializedModel (*init)(const nn::ModelInitSettings&)) {
  auto settings = std::make_shared<nn::ModelInitSettings>();
  settings->geometry = geometries.front();
  std::string names;
  for (const auto& name : geometries) names += (names.empty() ? "" : ", ") + name;
  auto* command = group.add_subcommand("init", description);
  command->add_option("--config", settings->geometry, "geometry: " + names)
      ->capture_default_str()
      ->check(CLI::IsMember(geometries));
  command
      ->add_option("--tokenizer", settings->tokenizer,
                   "directory holding the tokenizer to use (and copy)")
      ->required()
      ->check(CLI::ExistingDirectory);
  flags::out(*command, settings->out, "model directory to write (replaced atomically)");
  flags::seed(*command, settings->seed, "random seed");
  on_chosen(*command, action, [settings, init] {
    const auto model = init(*settings);
    std::cout << "wrote " << settings->out << ": " << model.architecture << " "
              << settings->geometry << ", " << model.layers << " layers, d=" << model.width
              << ", vocabulary " << model.vocab_size << "\n";
  });
}

}  // namespace mnemo::cli
