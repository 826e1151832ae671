#include "mnemo/nn/model_init.h"

#include <torch/torch.h>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::nn {

InitializedModel init_bert(const ModelInitSettings& settings) {
  const auto tokenizer = text::load_tokenizer(settings.tokenizer);
  torch::manual_seed(settings.seed);
  BertModel model(bert_geometry(settings.geometry, tokenizer->vocab_size()));
  io::AtomicDirectory out(settings.out);
  save_bert(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  const auto& config = model->config();
  return {"BERT", config.num_hidden_layers, config.hidden_size, tokenizer->vocab_size()};
}

InitializedModel init_gpt2(const ModelInitSettings& settings) {
  const auto tokenizer = text::load_tokenizer(settings.tokenizer);
  auto config = gpt2_geometry(settings.geometry, tokenizer->vocab_size());
  config.bos_token_id = config.eos_token_id = text::end_of_text_id(*tokenizer);
  torch::manual_seed(settings.seed);
  Gpt2LMHeadModel model(config);
  io::AtomicDirectory out(settings.out);
  save_gpt2(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  return {"GPT-2", config.n_layer, config.n_embd, config.vocab_size};
}

}  // namespace mnemo::nn
