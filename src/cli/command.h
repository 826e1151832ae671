// How subcommands plug into main(): each add_*_command registers its options and, when
// chosen, stores the work to do in `action`; main() runs it after parsing and thread setup.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace mnemo::cli {

using Action = std::function<void()>;

// `<model> init`: a randomly initialised model directory of a named geometry.
struct InitOptions {
  std::string geometry;
  std::string tokenizer;
  std::string out;
  uint64_t seed = 0;
};

// Adds `init` to `group` with --config (one of `geometries`, the first the default),
// --tokenizer, --out and --seed; `run` does the work once parsing succeeds.
void add_init_command(CLI::App& group, Action& action, const std::string& description,
                      const std::vector<std::string>& geometries,
                      std::function<void(const InitOptions&)> run);

void add_encode_command(CLI::App& app, Action& action);
void add_tokenize_command(CLI::App& app, Action& action);
void add_tokenizer_command(CLI::App& app, Action& action);
void add_bert_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_rmt_command(CLI::App& app, Action& action);
void add_gpt2_command(CLI::App& app, Action& action);
void add_generate_command(CLI::App& app, Action& action);
void add_babilong_command(CLI::App& app, Action& action);
void add_lm_command(CLI::App& app, Action& action);
void add_clamp_command(CLI::App& app, Action& action);
void add_convert_command(CLI::App& app, Action& action);
void add_memorization_command(CLI::App& app, Action& action);
void add_beb_command(CLI::App& app, Action& action);

// Subcommands of `mnemo rmt`.
void add_rmt_train_command(CLI::App& rmt, Action& action);
void add_rmt_eval_command(CLI::App& rmt, Action& action);
void add_rmt_plot_command(CLI::App& rmt, Action& action);
void add_rmt_bench_command(CLI::App& rmt, Action& action);
void add_rmt_run_command(CLI::App& rmt, Action& action);
void add_rmt_flops_command(CLI::App& rmt, Action& action);
void add_rmt_attention_command(CLI::App& rmt, Action& action);

// Subcommands of `mnemo clamp`.
void add_clamp_train_command(CLI::App& clamp, Action& action);
void add_clamp_pretrain_m3_command(CLI::App& clamp, Action& action);
void add_clamp_search_command(CLI::App& clamp, Action& action);
void add_clamp_classify_command(CLI::App& clamp, Action& action);
void add_clamp_eval_command(CLI::App& clamp, Action& action);
void add_clamp_demo_command(CLI::App& clamp, Action& action);

// Subcommands of `mnemo babilong`.
void add_babilong_make_command(CLI::App& babilong, Action& action);
void add_babilong_train_command(CLI::App& babilong, Action& action);
void add_babilong_eval_command(CLI::App& babilong, Action& action);

// Subcommands of `mnemo beb` that read models.
void add_beb_estimate_commands(CLI::App& beb, Action& action);
void add_beb_misalign_command(CLI::App& beb, Action& action);
void add_beb_train_scorer_command(CLI::App& beb, Action& action);

// `mnemo memorization make-data` and `train` (the study's data and model family).
void add_memorization_train_commands(CLI::App& memorization, Action& action);

}  // namespace mnemo::cli
