// Every subcommand of the program. Each lives in a file of its own (src/cli/<command>.cpp or
// src/cli/<group>/<subcommand>.cpp) and adds itself to its group with one function: it
// declares its flags and, when chosen, sets `action` to the one library call that does the
// work and the printing of what it returns.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/support/flags.h"

namespace mnemo::cli {

// All of them, with their groups, in the order `mnemo --help` lists them.
void add_commands(CLI::App& app, Action& action);

void add_encode(CLI::App& app, Action& action);
void add_tokenize(CLI::App& app, Action& action);
void add_convert(CLI::App& app, Action& action);
void add_generate(CLI::App& app, Action& action);
void add_launch(CLI::App& app, Action& action);

void add_tokenizer_train(CLI::App& tokenizer, Action& action);

void add_bert_init(CLI::App& bert, Action& action);
void add_bert_pretrain(CLI::App& bert, Action& action);

void add_bench_forward(CLI::App& bench, Action& action);
void add_bench_sgemm(CLI::App& bench, Action& action);

void add_rmt_train(CLI::App& rmt, Action& action);
void add_rmt_eval(CLI::App& rmt, Action& action);
void add_rmt_run(CLI::App& rmt, Action& action);
void add_rmt_plot(CLI::App& rmt, Action& action);
void add_rmt_bench(CLI::App& rmt, Action& action);
void add_rmt_flops(CLI::App& rmt, Action& action);
void add_rmt_attention(CLI::App& rmt, Action& action);

void add_gpt2_init(CLI::App& gpt2, Action& action);

void add_babilong_make(CLI::App& babilong, Action& action);
void add_babilong_train(CLI::App& babilong, Action& action);
void add_babilong_eval(CLI::App& babilong, Action& action);

void add_lm_train(CLI::App& lm, Action& action);
void add_lm_eval(CLI::App& lm, Action& action);

void add_clamp_embed(CLI::App& clamp, Action& action);
void add_clamp_pretrain_m3(CLI::App& clamp, Action& action);
void add_clamp_train(CLI::App& clamp, Action& action);
void add_clamp_search(CLI::App& clamp, Action& action);
void add_clamp_classify(CLI::App& clamp, Action& action);
void add_clamp_eval(CLI::App& clamp, Action& action);
void add_clamp_demo(CLI::App& clamp, Action& action);

void add_memorization_score(CLI::App& memorization, Action& action);
void add_memorization_predict(CLI::App& memorization, Action& action);
void add_memorization_bench(CLI::App& memorization, Action& action);
void add_memorization_make_data(CLI::App& memorization, Action& action);
void add_memorization_train(CLI::App& memorization, Action& action);

void add_beb_bound(CLI::App& beb, Action& action);
void add_beb_score(CLI::App& beb, Action& action);
void add_beb_label(CLI::App& beb, Action& action);
void add_beb_estimate(CLI::App& beb, Action& action);
void add_beb_alpha(CLI::App& beb, Action& action);
void add_beb_misalign(CLI::App& beb, Action& action);
void add_beb_train_scorer(CLI::App& beb, Action& action);

}  // namespace mnemo::cli
