// Flags that several commands take, declared once so that they read and check the same
// everywhere, and the glue that turns a chosen subcommand into the work main() runs.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace mnemo::cli {

// The work of the chosen subcommand, run by main() after parsing and thread setup.
using Action = std::function<void()>;

// When `command` is chosen, `work` becomes the action.
void on_chosen(CLI::App& command, Action& action, Action work);

// A CLI11 check for options that must be above zero, with a short message: CLI11's own
// PositiveNumber says so through a range whose upper end, for a double, is DBL_MAX in 300 digits.
const CLI::Validator& positive();
// A fraction in (0, 1], such as an accuracy to reach.
const CLI::Validator& fraction();

namespace flags {

// --model DIR, required and existing; `what` says which directories it takes.
CLI::Option* model(CLI::App& command, std::string& dir, const std::string& what);
// --json: print JSON instead of a table; `what` says what is printed.
CLI::Option* json(CLI::App& command, bool& json, const std::string& what = "print JSON");
// --batch N (> 0).
CLI::Option* batch(CLI::App& command, int64_t& batch, const std::string& what);
// --seed N.
CLI::Option* seed(CLI::App& command, uint64_t& seed, const std::string& what);
// --out PATH, required.
CLI::Option* out(CLI::App& command, std::string& out, const std::string& what);
// --resume: continue the run in --out.
CLI::Option* resume(CLI::App& command, bool& resume);
// --config: a BERT geometry, tiny, small or base (nn::bert_geometry).
CLI::Option* bert_geometry(CLI::App& command, std::string& geometry,
                           const std::string& what = "geometry: tiny, small or base");
// --repeats N (> 0): the timed runs of a benchmark.
CLI::Option* repeats(CLI::App& command, int& repeats);
// --warmup N: untimed runs of a benchmark before the timed ones.
CLI::Option* warmup_runs(CLI::App& command, int& warmup);

}  // namespace flags
}  // namespace mnemo::cli
