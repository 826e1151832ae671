#include "cli/support/flags.h"

namespace mnemo::cli {

void on_chosen(CLI::App& command, Action& action, Action work) {
  command.callback([&action, work = std::move(work)] { action = work; });
}

namespace {

// A check that the value is a number for which `holds` is true; else "<requirement>, got X".
CLI::Validator number_check(const std::string& name, bool (*holds)(double),
                            const std::string& requirement) {
  return CLI::Validator(
      [holds, requirement](std::string& value) -> std::string {
        double number = 0;
        if (!CLI::detail::lexical_cast(value, number)) return "'" + value + "' is not a number";
        if (!holds(number)) return requirement + ", got " + value;
        return {};
      },
      name);
}

}  // namespace

const CLI::Validator& positive() {
  static const auto check = number_check(
      "POSITIVE", [](double x) { return x > 0; }, "must be positive");
  return check;
}

const CLI::Validator& fraction() {
  static const auto check = number_check(
      "FRACTION", [](double x) { return x > 0 && x <= 1; }, "must lie in (0, 1]");
  return check;
}

namespace flags {

CLI::Option* model(CLI::App& command, std::string& dir, const std::string& what) {
  return command.add_option("--model", dir, what)->required()->check(CLI::ExistingDirectory);
}

CLI::Option* json(CLI::App& command, bool& json, const std::string& what) {
  return command.add_flag("--json", json, what);
}

CLI::Option* batch(CLI::App& command, int64_t& batch, const std::string& what) {
  return command.add_option("--batch", batch, what)->capture_default_str()->check(positive());
}

CLI::Option* seed(CLI::App& command, uint64_t& seed, const std::string& what) {
  return command.add_option("--seed", seed, what)->capture_default_str();
}

CLI::Option* out(CLI::App& command, std::string& out, const std::string& what) {
  return command.add_option("--out", out, what)->required();
}

CLI::Option* resume(CLI::App& command, bool& resume) {
  return command.add_flag("--resume", resume,
                          "continue the run in --out from its last checkpoint, with its own "
                          "settings");
}

CLI::Option* bert_geometry(CLI::App& command, std::string& geometry, const std::string& what) {
  return command.add_option("--config", geometry, what)
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
}

CLI::Option* repeats(CLI::App& command, int& repeats) {
  return command.add_option("--repeats", repeats, "timed runs")
      ->capture_default_str()
      ->check(positive());
}

CLI::Option* warmup_runs(CLI::App& command, int& warmup) {
  return command.add_option("--warmup", warmup, "untimed runs first")->capture_default_str();
}

}  // namespace flags
}  // namespace mnemo::cli
