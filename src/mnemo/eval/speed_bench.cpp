#include "mnemo/eval/speed_bench.h"

#include <torch/torch.h>

#include "mnemo/eval/timing.h"
#include "mnemo/nn/bert.h"
#include "mnemo/runtime/runtime_setup.h"

namespace mnemo::eval {
namespace {

constexpr int64_t kForwardBenchVocabulary = 28996;  // bert-base-cased's

}  // namespace

nlohmann::json ForwardBenchResult::to_json() const {
  return {{"config", settings.geometry}, {"batch", settings.batch},
          {"tokens", settings.tokens},   {"seconds_median", median_seconds},
          {"seconds", seconds},          {"gflops", gflops},
          {"threads", threads}};
}

ForwardBenchResult bench_forward(const ForwardBenchSettings& settings) {
  torch::manual_seed(0);
  const auto config = nn::bert_geometry(settings.geometry, kForwardBenchVocabulary);
  nn::BertModel model(config);
  model->eval();
  c10::InferenceMode inference;
  nn::BertInputs inputs;
  inputs.input_ids =
      torch::randint(config.vocab_size, {settings.batch, settings.tokens}, torch::kLong);
  ForwardBenchResult result;
  result.settings = settings;
  result.seconds = time_repeats([&] { model->forward(inputs); }, settings.repeats, settings.warmup);
  result.median_seconds = median(result.seconds);
  result.gflops =
      nn::bert_forward_flops(config, settings.batch, settings.tokens) / result.median_seconds / 1e9;
  result.threads = runtime::thread_summary();
  return result;
}

nlohmann::json SgemmBenchResult::to_json() const {
  return {{"size", settings.size},
          {"seconds_median", median_seconds},
          {"gflops", gflops},
          {"threads", threads}};
}

SgemmBenchResult bench_sgemm(const SgemmBenchSettings& settings) {
  const int64_t n = settings.size;
  const auto a = torch::randn({n, n}), b = torch::randn({n, n});
  auto c = torch::empty({n, n});
  const auto seconds = time_repeats([&] { torch::mm_out(c, a, b); }, settings.repeats,
                                    /*warmup=*/2);
  SgemmBenchResult result;
  result.settings = settings;
  result.median_seconds = median(seconds);
  result.gflops = 2.0 * double(n) * double(n) * double(n) / result.median_seconds / 1e9;
  result.threads = runtime::thread_summary();
  return result;
}

}  // namespace mnemo::eval
