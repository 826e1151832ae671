// mnemo rmt bench: speed and peak memory of an encoder RMT on random weights and tokens,
// inference or training steps; prints one JSON line (the same keys as bench/rmt_baseline.py).
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "cli/positive.h"
#include "mnemo/eval/timing.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/runtime/runtime_setup.h"
#include "mnemo/tasks/random.h"
#include "mnemo/train/optimization.h"

namespace mnemo::cli {
namespace {

// bert-base-cased's vocabulary and special ids, so the three geometries have real sizes.
constexpr int64_t kVocabulary = 28996, kCls = 101, kSep = 102, kLabels = 6;

struct RmtBenchOptions {
  std::string geometry = "small";
  int64_t segments = 16;
  int64_t batch = 1;
  std::string mode = "infer";
  std::string bptt = "full";
  int repeats = 5;
  int warmup = 1;
};

rmt::MemoryEncoder random_rmt(const std::string& geometry) {
  rmt::RmtConfig config;
  config.memory_token_id = kVocabulary;
  config.cls_id = kCls;
  config.sep_id = kSep;
  config.labels.assign(kLabels, "label");
  const auto bert_config = nn::bert_geometry(geometry, kVocabulary + config.memory_size);
  config.segment_size = bert_config.max_position_embeddings;
  return rmt::MemoryEncoder(nn::BertModel(bert_config), config);
}

void run_rmt_bench(const RmtBenchOptions& options) {
  torch::manual_seed(0);
  auto model = random_rmt(options.geometry);
  const auto& config = model->config();
  const int64_t tokens = options.segments * config.usable();
  tasks::Random random(0);
  std::vector<std::vector<int32_t>> samples(options.batch, std::vector<int32_t>(tokens));
  std::vector<const std::vector<int32_t>*> batch;
  for (auto& sample : samples) {
    for (auto& token : sample)
      token = static_cast<int32_t>(1000 + random.below(kVocabulary - 1000));
    batch.push_back(&sample);
  }
  const auto labels = torch::randint(kLabels, {options.batch}, torch::kLong);

  std::function<void()> work;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  rmt::LossOptions loss;
  loss.strategy = rmt::parse_bptt(options.bptt);
  if (options.mode == "infer") {
    model->eval();
    work = [&] {
      c10::InferenceMode inference;
      model->forward(batch);
    };
  } else {
    model->train();
    optimizer = train::make_adamw(model->parameters(), 1e-4, 1e-3);
    work = [&] {
      optimizer->zero_grad();
      rmt::accumulate_gradients(*model, batch, labels, loss);
      torch::nn::utils::clip_grad_value_(model->parameters(), 5.0);
      optimizer->step();
    };
  }
  const auto seconds = eval::time_repeats(work, options.repeats, options.warmup);
  const double median = eval::median(seconds);
  // Useful work only: a training step counts as three forward passes (forward + backward),
  // whatever recomputation it does.
  const double flops =
      (options.mode == "train" ? 3.0 : 1.0) * double(options.segments) *
      nn::bert_forward_flops(model->bert->config(), options.batch, config.segment_size);
  std::cout << nlohmann::json{{"impl", "mnemo"},
                              {"config", options.geometry},
                              {"segments", options.segments},
                              {"batch", options.batch},
                              {"mode", options.mode},
                              {"bptt", options.bptt},
                              {"tokens_per_s", double(options.batch * tokens) / median},
                              {"seconds", median},
                              {"seconds_all", seconds},
                              {"peak_rss_mb", eval::peak_rss_mb()},
                              {"gflops", flops / median / 1e9},
                              {"threads", runtime::thread_summary()}}
                   .dump()
            << "\n";
}

}  // namespace

void add_rmt_bench_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<RmtBenchOptions>();
  auto* bench = rmt.add_subcommand(
      "bench", "time an RMT on random weights (inference or training steps); prints JSON");
  bench->add_option("--config", options->geometry, "geometry: tiny, small or base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  bench->add_option("--segments", options->segments, "segments per sample")
      ->capture_default_str()
      ->check(positive());
  bench->add_option("--batch", options->batch, "samples per batch")
      ->capture_default_str()
      ->check(positive());
  bench->add_option("--mode", options->mode, "infer or train (forward, backward, AdamW step)")
      ->capture_default_str()
      ->check(CLI::IsMember({"infer", "train"}));
  bench->add_option("--bptt", options->bptt, "training: full or recompute")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "recompute"}));
  bench->add_option("--repeats", options->repeats, "timed runs")
      ->capture_default_str()
      ->check(positive());
  bench->add_option("--warmup", options->warmup, "untimed runs first")->capture_default_str();
  bench->callback([&action, options] { action = [options] { run_rmt_bench(*options); }; });
}

}  // namespace mnemo::cli
