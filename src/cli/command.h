// How subcommands plug into main(): each add_*_command registers its options and, when
// chosen, stores the work to do in `action`; main() runs it after parsing and thread setup.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace mnemo::cli {

using Action = std::function<void()>;

void add_encode_command(CLI::App& app, Action& action);
void add_tokenize_command(CLI::App& app, Action& action);
void add_tokenizer_command(CLI::App& app, Action& action);
void add_bert_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_rmt_command(CLI::App& app, Action& action);

// Subcommands of `mnemo rmt`.
void add_rmt_train_command(CLI::App& rmt, Action& action);
void add_rmt_eval_command(CLI::App& rmt, Action& action);
void add_rmt_plot_command(CLI::App& rmt, Action& action);
void add_rmt_bench_command(CLI::App& rmt, Action& action);
void add_rmt_run_command(CLI::App& rmt, Action& action);
void add_rmt_flops_command(CLI::App& rmt, Action& action);
void add_rmt_attention_command(CLI::App& rmt, Action& action);

}  // namespace mnemo::cli
