// mnemo bench forward: median time of a BERT forward pass on random weights and tokens.
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "cli/positive.h"
#include "mnemo/eval/timing.h"
#include "mnemo/nn/bert.h"
#include "mnemo/runtime/runtime_setup.h"

namespace mnemo::cli {
namespace {

struct ForwardBenchOptions {
  std::string geometry = "base";
  int64_t tokens = 512;
  int64_t batch = 1;
  int repeats = 5;
  int warmup = 1;
};

void run_forward_bench(const ForwardBenchOptions& options) {
  torch::manual_seed(0);
  const auto config = nn::bert_geometry(options.geometry, 28996);
  nn::BertModel model(config);
  model->eval();
  c10::InferenceMode inference;
  nn::BertInputs inputs;
  inputs.input_ids =
      torch::randint(config.vocab_size, {options.batch, options.tokens}, torch::kLong);
  const auto seconds =
      eval::time_repeats([&] { model->forward(inputs); }, options.repeats, options.warmup);
  const double median = eval::median(seconds);
  std::cout << nlohmann::json{{"config", options.geometry},
                              {"batch", options.batch},
                              {"tokens", options.tokens},
                              {"seconds_median", median},
                              {"seconds", seconds},
                              {"gflops",
                               nn::bert_forward_flops(config, options.batch, options.tokens) /
                                   median / 1e9},
                              {"threads", runtime::thread_summary()}}
                   .dump()
            << "\n";
}

struct SgemmBenchOptions {
  int64_t size = 2048;
  int repeats = 10;
};

// The machine's matrix-product speed in this process: the ceiling the models are held to.
void run_sgemm_bench(const SgemmBenchOptions& options) {
  const auto a = torch::randn({options.size, options.size}),
             b = torch::randn({options.size, options.size});
  auto c = torch::empty({options.size, options.size});
  const auto seconds =
      eval::time_repeats([&] { torch::mm_out(c, a, b); }, options.repeats, /*warmup=*/2);
  const double median = eval::median(seconds);
  const double flops = 2.0 * double(options.size) * double(options.size) * double(options.size);
  std::cout << nlohmann::json{{"size", options.size},
                              {"seconds_median", median},
                              {"gflops", flops / median / 1e9},
                              {"threads", runtime::thread_summary()}}
                   .dump()
            << "\n";
}

}  // namespace

void add_bench_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("bench", "speed measurements on random weights");
  group->require_subcommand(1);
  auto options = std::make_shared<ForwardBenchOptions>();
  auto* forward =
      group->add_subcommand("forward", "time a BERT forward pass; prints JSON with the median");
  forward->add_option("--config", options->geometry, "geometry: tiny, small or base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  forward->add_option("--tokens", options->tokens, "sequence length")
      ->capture_default_str()
      ->check(positive());
  forward->add_option("--batch", options->batch, "batch size")
      ->capture_default_str()
      ->check(positive());
  forward->add_option("--repeats", options->repeats, "timed runs")
      ->capture_default_str()
      ->check(positive());
  forward->add_option("--warmup", options->warmup, "untimed runs first")->capture_default_str();
  forward->callback([&action, options] { action = [options] { run_forward_bench(*options); }; });

  auto sgemm_options = std::make_shared<SgemmBenchOptions>();
  auto* sgemm = group->add_subcommand("sgemm", "time a square float matrix product; prints JSON");
  sgemm->add_option("--size", sgemm_options->size, "matrix side")
      ->capture_default_str()
      ->check(positive());
  sgemm->add_option("--repeats", sgemm_options->repeats, "timed runs")
      ->capture_default_str()
      ->check(positive());
  sgemm->callback(
      [&action, sgemm_options] { action = [sgemm_options] { run_sgemm_bench(*sgemm_options); }; });
}

}  // namespace mnemo::cli
