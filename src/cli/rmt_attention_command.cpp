// mnemo rmt attention: heat maps of a trained RMT's attention on one task sample, one panel
// per segment (paper Figure 7), with memory, [CLS], fact and question tokens named.
#include <algorithm>
#include <iostream>
#include <set>

#include "cli/command.h"
#include "cli/positive.h"
#include "cli/task_options.h"
#include "mnemo/core/error.h"
#include "mnemo/eval/attention_plot.h"
#include "mnemo/rmt/rmt_checkpoint.h"

namespace mnemo::cli {
namespace {

// The samples drawn here come from a stream of their own of the validation noise.
constexpr uint64_t kAttentionStream = 5;

struct AttentionOptions {
  std::string model;
  TaskOptions task;
  int64_t segments = 4;
  int64_t layer = -1;  // -1: the last
  int64_t head = -1;   // -1: the mean over heads
  uint64_t seed = 1;
  int64_t noise_tokens = 6;  // noise positions kept beside the named ones; -1: every position
  std::string png;
};

// Names of the positions of one segment: [CLS], the memory slots, the separators, and every
// token of a fact (up to its full stop) or of the question; sorted by position.
std::vector<std::pair<int64_t, std::string>> position_labels(const rmt::RmtConfig& config,
                                                             const text::Tokenizer& tokenizer,
                                                             const tasks::Sample& sample,
                                                             rmt::SegmentSpan span) {
  const int64_t m = config.memory_size, first = m + 2;  // position of the span's first token
  std::vector<std::pair<int64_t, std::string>> labels = {{0, "[CLS]"}, {m + 1, "[SEP]"}};
  for (int64_t i = 0; i < m; ++i) labels.emplace_back(1 + i, "m" + std::to_string(i));
  labels.emplace_back(first + static_cast<int64_t>(span.length), "[SEP]");
  auto name_tokens = [&](size_t from, size_t to, const std::string& prefix) {
    for (size_t k = std::max(from, span.begin); k < std::min(to, span.begin + span.length); ++k)
      labels.emplace_back(first + static_cast<int64_t>(k - span.begin),
                          prefix + tokenizer.token(sample.tokens[k]));
  };
  for (size_t f = 0; f < sample.fact_offsets.size(); ++f) {
    size_t end = sample.fact_offsets[f];
    while (end + 1 < sample.question_offset && tokenizer.token(sample.tokens[end]).back() != '.')
      ++end;
    name_tokens(sample.fact_offsets[f], end + 1, "F" + std::to_string(f + 1) + " ");
  }
  name_tokens(sample.question_offset, sample.tokens.size(), "Q ");
  std::sort(labels.begin(), labels.end());
  return labels;
}

// The panel of one segment: the named positions and the first `noise_tokens` unnamed ones
// (named by their token), or every position when noise_tokens < 0. weights: (T, T).
eval::AttentionPanel segment_panel(const torch::Tensor& weights,
                                   std::vector<std::pair<int64_t, std::string>> named,
                                   const std::vector<int32_t>& segment_ids,
                                   const text::Tokenizer& tokenizer, int64_t noise_tokens) {
  eval::AttentionPanel panel;
  if (noise_tokens < 0) {
    panel.weights = weights;
    panel.labels = std::move(named);
    return panel;
  }
  std::set<int64_t> taken;
  for (const auto& label : named) taken.insert(label.first);
  for (int64_t p = 0, added = 0;
       p < static_cast<int64_t>(segment_ids.size()) && added < noise_tokens; ++p)
    if (!taken.count(p)) {
      named.emplace_back(p, tokenizer.token(segment_ids[p]));
      ++added;
    }
  std::sort(named.begin(), named.end());
  std::vector<int64_t> keep;
  for (size_t i = 0; i < named.size(); ++i) {
    keep.push_back(named[i].first);
    panel.labels.emplace_back(static_cast<int64_t>(i), named[i].second);
  }
  const auto index = torch::tensor(keep, torch::kLong);
  panel.weights = weights.index_select(0, index).index_select(1, index);
  return panel;
}

void run_attention(const AttentionOptions& options) {
  const auto dir = rmt_model_directory(options.model);
  auto rmt = rmt::load_rmt(dir);
  auto& model = *rmt.model;
  const auto& config = model.config();
  const int64_t layers = model.bert->config().num_hidden_layers,
                heads = model.bert->config().num_attention_heads;
  const int64_t layer = options.layer < 0 ? layers - 1 : options.layer;
  if (layer >= layers)
    throw Error("--layer " + std::to_string(layer) + ": the model has " + std::to_string(layers) +
                " layers (0.." + std::to_string(layers - 1) + ")");
  if (options.head >= heads)
    throw Error("--head " + std::to_string(options.head) + ": the model has " +
                std::to_string(heads) + " heads");
  const auto spec =
      options.task.spec(tasks::TaskSpec::from_json(config.task, (dir / "rmt.json").string()));
  const auto corpus =
      std::make_shared<tasks::NoiseCorpus>(noise_files(options.task.noise), *rmt.tokenizer);
  const tasks::TaskGenerator task(spec, rmt.tokenizer, corpus, config.labels);
  auto random = tasks::Random::keyed({options.seed, kAttentionStream});
  const auto sample =
      task.generate(random, tasks::Split::validation, options.segments, config.usable());

  model.eval();
  torch::NoGradGuard no_grad;
  auto memory = model.initial_memory(1);
  std::vector<eval::AttentionPanel> panels;
  torch::Tensor logits;
  for (int64_t t = 0; t < options.segments; ++t) {
    const auto segment = rmt::build_segment_batch({&sample.tokens}, t, options.segments, config);
    auto out = model.step(segment, memory, /*output_attentions=*/true);
    memory = out.memory;
    logits = out.logits;
    const auto weights = out.attentions[layer][0];  // (H, T, T)
    const auto span = rmt::segment_span(sample.tokens.size(), config.usable(), t);
    const auto& ids = segment.input_ids[0];
    auto panel = segment_panel(
        options.head < 0 ? weights.mean(0) : weights[options.head],
        position_labels(config, *rmt.tokenizer, sample, span),
        std::vector<int32_t>(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.size(0)),
        *rmt.tokenizer, options.noise_tokens);
    panel.title = "segment " + std::to_string(t + 1);
    panels.push_back(std::move(panel));
  }
  const auto predicted = logits.argmax(1).item<int64_t>();
  const std::string heads_text = options.head < 0 ? "mean of " + std::to_string(heads) + " heads"
                                                  : "head " + std::to_string(options.head);
  eval::plot_attention(panels, options.png,
                       spec.name() + ", layer " + std::to_string(layer) + ", " + heads_text +
                           "; answer " + config.labels[predicted] +
                           " (true: " + config.labels[sample.label] + ")");
  std::cout << "answer " << config.labels[predicted] << ", true " << config.labels[sample.label]
            << "; wrote " << options.png << "\n";
}

}  // namespace

void add_rmt_attention_command(CLI::App& rmt, Action& action) {
  auto options = std::make_shared<AttentionOptions>();
  auto* attention = rmt.add_subcommand(
      "attention", "draw a model's attention on one task sample, a heat map per segment");
  attention->add_option("--model", options->model, "RMT model directory or training run directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  options->task.add_to(*attention);
  attention->add_option("--segments", options->segments, "segments of the sample")
      ->capture_default_str()
      ->check(positive());
  attention->add_option("--layer", options->layer, "layer to draw (default: the last)");
  attention->add_option("--head", options->head, "head to draw (default: the mean of all)");
  attention->add_option("--seed", options->seed, "which sample")->capture_default_str();
  attention
      ->add_option("--noise-tokens", options->noise_tokens,
                   "noise positions shown beside [CLS], memory, facts and question; -1: all")
      ->capture_default_str();
  attention->add_option("--png", options->png, "PNG to write")->required();
  attention->callback([&action, options] { action = [options] { run_attention(*options); }; });
}

}  // namespace mnemo::cli
