#include "cli/commands.h"

namespace mnemo::cli {
namespace {

// A group of subcommands, one of which must be chosen.
CLI::App& add_group(CLI::App& app, const std::string& name, const std::string& description) {
  auto* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return *group;
}

}  // namespace

void add_commands(CLI::App& app, Action& action) {
  add_encode(app, action);
  add_tokenize(app, action);

  add_tokenizer_train(add_group(app, "tokenizer", "make tokenizers"), action);

  auto& bert = add_group(app, "bert", "BERT backbones");
  add_bert_init(bert, action);
  add_bert_pretrain(bert, action);

  auto& bench = add_group(app, "bench", "speed measurements on random weights");
  add_bench_forward(bench, action);
  add_bench_sgemm(bench, action);

  auto& rmt = add_group(app, "rmt", "Recurrent Memory Transformer: train, evaluate, run, measure");
  add_rmt_train(rmt, action);
  add_rmt_eval(rmt, action);
  add_rmt_run(rmt, action);
  add_rmt_plot(rmt, action);
  add_rmt_bench(rmt, action);
  add_rmt_flops(rmt, action);
  add_rmt_attention(rmt, action);

  add_gpt2_init(add_group(app, "gpt2", "GPT-2 language models"), action);

  auto& babilong =
      add_group(app, "babilong",
                "question answering over long inputs (BABILong) with a decoder RMT on GPT-2");
  add_babilong_make(babilong, action);
  add_babilong_train(babilong, action);
  add_babilong_eval(babilong, action);

  auto& lm = add_group(app, "lm", "language modelling with a decoder RMT on GPT-2");
  add_lm_train(lm, action);
  add_lm_eval(lm, action);

  auto& clamp = add_group(
      app, "clamp",
      "CLaMP: text-music embeddings, training, semantic search, zero-shot classification");
  add_clamp_embed(clamp, action);
  add_clamp_pretrain_m3(clamp, action);
  add_clamp_train(clamp, action);
  add_clamp_search(clamp, action);
  add_clamp_classify(clamp, action);
  add_clamp_eval(clamp, action);
  add_clamp_demo(clamp, action);

  add_convert(app, action);

  auto& memorization =
      add_group(app, "memorization",
                "which training sequences a language model memorizes, and predicting it");
  add_memorization_score(memorization, action);
  add_memorization_predict(memorization, action);
  add_memorization_bench(memorization, action);
  add_memorization_make_data(memorization, action);
  add_memorization_train(memorization, action);

  auto& beb = add_group(app, "beb",
                        "Behavior Expectation Bounds: misalignment bounds and behavior scorers");
  add_beb_bound(beb, action);
  add_beb_score(beb, action);
  add_beb_label(beb, action);
  add_beb_estimate(beb, action);
  add_beb_alpha(beb, action);
  add_beb_misalign(beb, action);
  add_beb_train_scorer(beb, action);

  add_generate(app, action);
  add_launch(app, action);
}

}  // namespace mnemo::cli
