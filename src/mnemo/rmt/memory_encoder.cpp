#include "mnemo/rmt/memory_encoder.h"

#include "mnemo/core/error.h"

namespace mnemo::rmt {

MemoryEncoderImpl::MemoryEncoderImpl(nn::BertModel bert_model, RmtConfig config)
    : config_(std::move(config)) {
  const auto& bert_config = bert_model->config();
  if (!bert_model->has_pooler()) throw Error("RMT: the BERT backbone needs a pooler");
  if (config_.memory_token_id < 0 ||
      config_.memory_token_id + config_.memory_size > bert_config.vocab_size)
    throw Error("RMT: memory rows " + std::to_string(config_.memory_token_id) + ".." +
                std::to_string(config_.memory_token_id + config_.memory_size - 1) +
                " lie outside the vocabulary of " + std::to_string(bert_config.vocab_size));
  if (config_.segment_size > bert_config.max_position_embeddings)
    throw Error("RMT: segment size " + std::to_string(config_.segment_size) +
                " exceeds the backbone's " + std::to_string(bert_config.max_position_embeddings) +
                " positions");
  bert = register_module("bert", bert_model);
  dropout = register_module("dropout", torch::nn::Dropout(bert_config.hidden_dropout_prob));
  classifier = register_module(
      "classifier",
      torch::nn::Linear(bert_config.hidden_size, static_cast<int64_t>(config_.labels.size())));
  torch::NoGradGuard no_grad;
  classifier->weight.normal_(0.0, bert_config.initializer_range);
  classifier->bias.zero_();
}

torch::Tensor MemoryEncoderImpl::initial_memory(int64_t batch) {
  const auto rows = bert->embeddings->word_embeddings->weight.narrow(0, config_.memory_token_id,
                                                                     config_.memory_size);
  return rows.unsqueeze(0).expand({batch, config_.memory_size, rows.size(1)});
}

StepOutput MemoryEncoderImpl::step(const SegmentBatch& segment, const torch::Tensor& memory,
                                   bool output_attentions) {
  const int64_t m = config_.memory_size;
  const bool everyone = segment.active.size(0) == memory.size(0);
  const auto active_memory = everyone ? memory : memory.index_select(0, segment.active);
  // The memory rows replace the embeddings at positions 1..M; position and token-type
  // embeddings are added on top inside BERT, as for any token.
  const auto words = bert->embeddings->word_embeddings(segment.input_ids);  // (A, T, d)
  nn::BertInputs inputs;
  inputs.inputs_embeds = torch::cat(
      {words.narrow(1, 0, 1), active_memory, words.narrow(1, 1 + m, words.size(1) - 1 - m)}, 1);
  inputs.attention_mask = segment.attention_mask;
  inputs.output_attentions = output_attentions;
  const auto out = bert->forward(inputs);
  const auto written = out.last_hidden_state.narrow(1, 1, m);  // (A, M, d)
  StepOutput result;
  result.memory = everyone ? written : memory.index_copy(0, segment.active, written);
  result.logits = classifier(dropout(out.pooler_output));
  result.attentions = out.attentions;
  return result;
}

ForwardOutput MemoryEncoderImpl::forward(const std::vector<const std::vector<int32_t>*>& samples,
                                         const ForwardOptions& options) {
  const auto batch = static_cast<int64_t>(samples.size());
  const int64_t steps = batch_steps(samples, config_.usable());
  ForwardOutput output;
  auto memory = initial_memory(batch);
  for (int64_t t = 0; t < steps; ++t) {
    if (options.bptt_depth > 0 && t > 0 && t == steps - options.bptt_depth)
      memory = memory.detach();
    if (options.keep_memory_inputs) output.memory_inputs.push_back(memory);
    const auto segment = build_segment_batch(samples, t, steps, config_);
    auto result = step(segment, memory);
    memory = result.memory;
    if (options.keep_segment_logits) output.segments.push_back({result.logits, segment.active});
    if (t == steps - 1) output.logits = result.logits;
  }
  return output;
}

}  // namespace mnemo::rmt
