// Google Benchmark micro-benchmarks of the BERT forward pass, with the program's own process
// settings (PASSIVE OpenMP waiting, threads = cores, reusable heap).
//   build/mnemo_bench --benchmark_filter=Forward
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include "mnemo/nn/bert.h"
#include "mnemo/runtime/runtime_setup.h"

namespace {

void BertForward(benchmark::State& state, const char* geometry) {
  torch::manual_seed(0);
  const auto config = mnemo::nn::bert_geometry(geometry, 28996);
  mnemo::nn::BertModel model(config);
  model->eval();
  c10::InferenceMode inference;
  mnemo::nn::BertInputs inputs;
  inputs.input_ids = torch::randint(config.vocab_size, {1, state.range(0)}, torch::kLong);
  for (auto _ : state) benchmark::DoNotOptimize(model->forward(inputs).last_hidden_state);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["GFLOP/s"] = benchmark::Counter(
      mnemo::nn::bert_forward_flops(config, 1, state.range(0)) * double(state.iterations()),
      benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

BENCHMARK_CAPTURE(BertForward, small, "small")->Arg(64)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BertForward, base, "base")->Arg(128)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  mnemo::runtime::ensure_passive_omp_wait(argv);
  mnemo::runtime::configure_allocator();
  mnemo::runtime::configure_threads(0);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
