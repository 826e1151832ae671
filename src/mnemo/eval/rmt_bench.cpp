#include "mnemo/eval/rmt_bench.h"

#include <torch/torch.h>

#include <chrono>

#include "mnemo/eval/timing.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/runtime/process_group.h"
#include "mnemo/runtime/runtime_setup.h"
#include "mnemo/tasks/random.h"
#include "mnemo/train/optimization.h"

namespace mnemo::eval {
namespace {

// bert-base-cased's vocabulary and special ids, so the three geometries have real sizes.
constexpr int64_t kBenchVocabulary = 28996, kBenchCls = 101, kBenchSep = 102, kBenchLabels = 6;

rmt::MemoryEncoder random_bench_rmt(const std::string& geometry) {
  rmt::RmtConfig config;
  config.memory_token_id = kBenchVocabulary;
  config.cls_id = kBenchCls;
  config.sep_id = kBenchSep;
  config.labels.assign(kBenchLabels, "label");
  const auto bert_config = nn::bert_geometry(geometry, kBenchVocabulary + config.memory_size);
  config.segment_size = bert_config.max_position_embeddings;
  return rmt::MemoryEncoder(nn::BertModel(bert_config), config);
}

}  // namespace

nlohmann::json RmtBenchResult::to_json() const {
  return {{"impl", "mnemo"},
          {"config", settings.geometry},
          {"segments", settings.segments},
          {"batch", settings.batch},
          {"mode", settings.mode},
          {"bptt", settings.bptt},
          {"tokens_per_s", tokens_per_s},
          {"seconds", median_seconds},
          {"seconds_all", seconds},
          {"peak_rss_mb", peak_rss_mb},
          {"gflops", gflops},
          {"threads", threads},
          {"ranks", ranks},
          {"gradient_sum_share", sum_seconds.empty() ? 0.0 : median(sum_seconds) / median_seconds}};
}

RmtBenchResult bench_rmt(const RmtBenchSettings& settings) {
  torch::manual_seed(0);
  auto model = random_bench_rmt(settings.geometry);
  const auto& config = model->config();
  const int64_t tokens = settings.segments * config.usable();
  tasks::Random random(0);
  std::vector<std::vector<int32_t>> samples(settings.batch, std::vector<int32_t>(tokens));
  std::vector<const std::vector<int32_t>*> batch;
  for (auto& sample : samples) {
    for (auto& token : sample)
      token = static_cast<int32_t>(1000 + random.below(kBenchVocabulary - 1000));
    batch.push_back(&sample);
  }
  auto labels = torch::randint(kBenchLabels, {settings.batch}, torch::kLong);
  // With several ranks (data-parallel) each runs its share of the batch.
  auto* ranks = runtime::process_group();
  const auto [first, count] =
      ranks == nullptr
          ? std::pair<int64_t, int64_t>{0, settings.batch}
          : runtime::share_of(settings.batch, ranks->world().rank, ranks->world().size);
  batch = std::vector(batch.begin() + first, batch.begin() + first + count);
  labels = labels.slice(0, first, first + count);

  RmtBenchResult result;
  std::function<void()> work;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  rmt::LossOptions loss;
  loss.strategy = rmt::parse_bptt(settings.bptt);
  loss.scale = static_cast<double>(count) / static_cast<double>(settings.batch);
  if (settings.mode == "infer") {
    model->eval();
    work = [&] {
      c10::InferenceMode inference;
      model->forward(batch);
      if (ranks != nullptr) ranks->barrier();  // the step ends when the slowest rank's does
    };
  } else {
    model->train();
    optimizer = train::make_adamw(model->parameters(), 1e-4, 1e-3);
    work = [&] {
      optimizer->zero_grad();
      rmt::accumulate_gradients(*model, batch, labels, loss);
      if (ranks != nullptr) {
        const auto start = std::chrono::steady_clock::now();
        ranks->sum_gradients(model->parameters());
        result.sum_seconds.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
      torch::nn::utils::clip_grad_value_(model->parameters(), 5.0);
      optimizer->step();
    };
  }
  result.settings = settings;
  result.ranks = ranks == nullptr ? 1 : ranks->world().size;
  result.seconds = time_repeats(work, settings.repeats, settings.warmup);
  // The warmup's sums are not timed steps.
  if (!result.sum_seconds.empty())
    result.sum_seconds.erase(result.sum_seconds.begin(),
                             result.sum_seconds.begin() + settings.warmup);
  result.median_seconds = median(result.seconds);
  // Useful work only: a training step counts as three forward passes (forward + backward),
  // whatever recomputation it does.
  const double flops =
      (settings.mode == "train" ? 3.0 : 1.0) * double(settings.segments) *
      nn::bert_forward_flops(model->bert->config(), settings.batch, config.segment_size);
  result.tokens_per_s = double(settings.batch * tokens) / result.median_seconds;
  result.peak_rss_mb = peak_rss_mb();
  result.gflops = flops / result.median_seconds / 1e9;
  result.threads = runtime::thread_summary();
  return result;
}

}  // namespace mnemo::eval
