#include "mnemo/eval/attention_map.h"

#include <algorithm>
#include <set>

#include "mnemo/core/error.h"
#include "mnemo/eval/attention_plot.h"
#include "mnemo/rmt/rmt_checkpoint.h"

namespace mnemo::eval {
namespace {

// The samples drawn here come from a stream of their own of the validation noise.
constexpr uint64_t kAttentionStream = 5;

using NamedPositions = std::vector<std::pair<int64_t, std::string>>;

// Names of the positions of one segment: [CLS], the memory slots, the separators, and every
// token of a fact (up to its full stop) or of the question; sorted by position.
NamedPositions attention_position_names(const rmt::RmtConfig& config,
                                        const text::Tokenizer& tokenizer,
                                        const tasks::Sample& sample, rmt::SegmentSpan span) {
  const auto at = rmt::segment_positions(config, span);
  NamedPositions names = {{at.cls(), "[CLS]"}, {at.first_sep(), "[SEP]"}, {at.last_sep(), "[SEP]"}};
  for (int64_t i = 0; i < config.memory_size; ++i)
    names.emplace_back(at.memory(i), "m" + std::to_string(i));
  // Tokens [from, to) of the sample that fall in this segment.
  auto name_tokens = [&](size_t from, size_t to, const std::string& prefix) {
    for (size_t k = std::max(from, span.begin); k < std::min(to, span.begin + span.length); ++k)
      names.emplace_back(at.token(static_cast<int64_t>(k - span.begin)),
                         prefix + tokenizer.token(sample.tokens[k]));
  };
  for (size_t f = 0; f < sample.fact_offsets.size(); ++f) {
    size_t end = sample.fact_offsets[f];
    while (end + 1 < sample.question_offset && tokenizer.token(sample.tokens[end]).back() != '.')
      ++end;
    name_tokens(sample.fact_offsets[f], end + 1, "F" + std::to_string(f + 1) + " ");
  }
  name_tokens(sample.question_offset, sample.tokens.size(), "Q ");
  std::sort(names.begin(), names.end());
  return names;
}

// The panel of one segment: the named positions and the first `noise_tokens` unnamed ones
// (named by their token), or every position when noise_tokens < 0. weights: (T, T).
AttentionPanel attention_segment_panel(const torch::Tensor& weights, NamedPositions named,
                                       const std::vector<int32_t>& segment_ids,
                                       const text::Tokenizer& tokenizer, int64_t noise_tokens) {
  AttentionPanel panel;
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

}  // namespace

AttentionMapResult draw_attention_map(const AttentionMapSettings& settings,
                                      const Progress& progress) {
  const auto dir = rmt::model_directory(settings.model);
  auto rmt = rmt::load_rmt(dir);
  auto& model = *rmt.model;
  const auto& config = model.config();
  const int64_t layers = model.bert->config().num_hidden_layers,
                heads = model.bert->config().num_attention_heads;
  const int64_t layer = settings.layer < 0 ? layers - 1 : settings.layer;
  if (layer >= layers)
    throw Error("--layer " + std::to_string(layer) + ": the model has " + std::to_string(layers) +
                " layers (0.." + std::to_string(layers - 1) + ")");
  if (settings.head >= heads)
    throw Error("--head " + std::to_string(settings.head) + ": the model has " +
                std::to_string(heads) + " heads");
  const auto spec =
      settings.task.spec(tasks::TaskSpec::from_json(config.task, (dir / "rmt.json").string()));
  const auto corpus =
      std::make_shared<tasks::NoiseCorpus>(tasks::noise_files(settings.task.noise), *rmt.tokenizer);
  const tasks::TaskGenerator task(spec, rmt.tokenizer, corpus, config.labels);
  auto random = tasks::Random::keyed({settings.seed, kAttentionStream});
  const auto sample =
      task.generate(random, tasks::Split::validation, settings.segments, config.usable());

  model.eval();
  torch::NoGradGuard no_grad;
  auto memory = model.initial_memory(1);
  std::vector<AttentionPanel> panels;
  torch::Tensor logits;
  for (int64_t t = 0; t < settings.segments; ++t) {
    progress.update(double(t), double(settings.segments),
                    "segment " + std::to_string(t + 1) + "/" + std::to_string(settings.segments));
    const auto segment = rmt::build_segment_batch({&sample.tokens}, t, settings.segments, config);
    auto out = model.step(segment, memory, /*output_attentions=*/true);
    memory = out.memory;
    logits = out.logits;
    const auto weights = out.attentions[layer][0];  // (H, T, T)
    const auto span = rmt::segment_span(sample.tokens.size(), config.usable(), t);
    const auto& ids = segment.input_ids[0];
    auto panel = attention_segment_panel(
        settings.head < 0 ? weights.mean(0) : weights[settings.head],
        attention_position_names(config, *rmt.tokenizer, sample, span),
        std::vector<int32_t>(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.size(0)),
        *rmt.tokenizer, settings.noise_tokens);
    panel.title = "segment " + std::to_string(t + 1);
    panels.push_back(std::move(panel));
  }
  AttentionMapResult result;
  result.answer = config.labels[logits.argmax(1).item<int64_t>()];
  result.truth = config.labels[sample.label];
  const std::string heads_text = settings.head < 0 ? "mean of " + std::to_string(heads) + " heads"
                                                   : "head " + std::to_string(settings.head);
  plot_attention(panels, settings.png,
                 spec.name() + ", layer " + std::to_string(layer) + ", " + heads_text +
                     "; answer " + result.answer + " (true: " + result.truth + ")");
  return result;
}

}  // namespace mnemo::eval
