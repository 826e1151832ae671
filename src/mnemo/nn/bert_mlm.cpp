#include "mnemo/nn/bert_mlm.h"

#include "mnemo/io/json_file.h"
#include "mnemo/io/model_directory.h"
#include "mnemo/io/safetensors.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/state_dict.h"

namespace mnemo::nn {

BertForMaskedLMImpl::BertForMaskedLMImpl(BertModel bert_model) {
  const auto& c = bert_model->config();
  bert = register_module("bert", bert_model);
  auto cls = register_module("cls", std::make_shared<torch::nn::Module>());
  auto predictions = cls->register_module("predictions", std::make_shared<torch::nn::Module>());
  auto transform = predictions->register_module("transform", std::make_shared<torch::nn::Module>());
  transform_dense =
      transform->register_module("dense", torch::nn::Linear(c.hidden_size, c.hidden_size));
  transform_norm = transform->register_module(
      "LayerNorm",
      torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps)));
  decoder_bias = predictions->register_parameter("bias", torch::zeros({c.vocab_size}));
  torch::NoGradGuard no_grad;
  transform_dense->weight.normal_(0.0, c.initializer_range);
  transform_dense->bias.zero_();
}

torch::Tensor BertForMaskedLMImpl::forward(const BertInputs& inputs,
                                           const torch::Tensor& positions) {
  const auto hidden = bert->forward(inputs).last_hidden_state;                         // (B, T, d)
  const auto chosen = hidden.index({positions.select(1, 0), positions.select(1, 1)});  // (N, d)
  const auto transformed =
      transform_norm(activate(transform_dense(chosen), bert->config().hidden_act));
  return torch::nn::functional::linear(transformed, bert->embeddings->word_embeddings->weight,
                                       decoder_bias);
}

void save_bert_mlm(const io::AtomicDirectory& dir, BertForMaskedLMImpl& model) {
  auto config = model.bert->config().to_json();
  config["architectures"] = {"BertForMaskedLM"};
  dir.write_file("config.json", config.dump(2) + "\n");
  io::save_safetensors(dir.staging() / "model.safetensors", state_dict(model), {{"format", "pt"}});
}

BertForMaskedLM load_bert_mlm(const std::filesystem::path& given) {
  const auto dir = io::resolve_model_directory(given);
  const auto config_path = (dir / "config.json").string();
  BertForMaskedLM model(
      BertModel(BertConfig::from_json(io::read_json_file(config_path), config_path)));
  load_bert_mlm_weights(dir, *model);
  return model;
}

void load_bert_mlm_weights(const std::filesystem::path& dir, BertForMaskedLMImpl& model) {
  const io::SafetensorsFile weights(dir / "model.safetensors");
  const auto report =
      load_state_dict(model, weights, [](const std::string& key) -> std::optional<std::string> {
        if (key.find("position_ids") != std::string::npos ||
            key == "cls.predictions.decoder.weight")
          return std::nullopt;
        if (key == "cls.predictions.decoder.bias") return std::string("cls.predictions.bias");
        return key.rfind("cls.", 0) == 0 ? key : "bert." + *bert_checkpoint_key(key);
      });
  for (const auto& name : report.missing)
    if (name.rfind("cls.", 0) != 0)
      throw file_error((dir / "model.safetensors").string(), "missing backbone tensor " + name);
}

}  // namespace mnemo::nn
