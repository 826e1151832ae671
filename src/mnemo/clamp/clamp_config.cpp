#include "mnemo/clamp/clamp_config.h"

#include "mnemo/clamp/bar_patches.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"

namespace mnemo::clamp {

nn::BertConfig distilroberta_base_config() {
  nn::BertConfig c;
  c.model_type = "roberta";
  c.vocab_size = 50265;
  c.num_hidden_layers = 6;
  c.max_position_embeddings = 514;
  c.type_vocab_size = 1;
  c.pad_token_id = 1;
  c.layer_norm_eps = 1e-5;
  return c;
}

ClampConfig ClampConfig::load(const std::filesystem::path& dir) {
  const auto music_path = dir / kMusicConfigFile;
  if (!std::filesystem::exists(music_path))
    throw file_error(dir.string(), "no config.json: not a CLaMP model directory");
  const auto music_json = io::read_json_file(music_path);
  ClampConfig config;
  // vocab_size only sizes the music BERT's word embeddings, which CLaMP never reads (the patch
  // embedding feeds inputs_embeds): the official release says 1, mnemo's models 98. The
  // model takes whatever the config says, so its shapes are the checkpoint's.
  config.music = nn::BertConfig::from_json(music_json, music_path.string());
  config.max_patches = io::json_field(music_json, "max_length",
                                      config.music.max_position_embeddings, music_path.string());
  if (config.max_patches < 1 || config.max_patches > config.music.max_position_embeddings)
    throw file_error(music_path.string(), "max_length must lie in [1, max_position_embeddings]");

  const auto text_path = dir / kTextConfigFile;
  config.text =
      std::filesystem::exists(text_path)
          ? nn::BertConfig::from_json(io::read_json_file(text_path), text_path.string(), "roberta")
          : distilroberta_base_config();
  if (config.text.hidden_size != config.music.hidden_size)
    throw file_error(dir.string(), "the text and music encoders differ in hidden_size");
  return config;
}

void ClampConfig::save(const io::AtomicDirectory& dir) const {
  auto music_json = music.to_json();
  music_json["max_length"] = max_patches;
  dir.write_file(kMusicConfigFile, music_json.dump(2) + "\n");
  dir.write_file(kTextConfigFile, text.to_json().dump(2) + "\n");
}

ClampConfig clamp_geometry(const std::string& name, int64_t text_vocab_size, int64_t max_patches) {
  ClampConfig config;
  config.music = nn::bert_geometry(name, kPatchClasses);
  config.music.max_position_embeddings = max_patches;
  config.max_patches = max_patches;
  config.text = nn::bert_geometry(name, text_vocab_size);
  config.text.model_type = "roberta";
  config.text.type_vocab_size = 1;
  config.text.pad_token_id = 1;
  config.text.layer_norm_eps = 1e-5;
  // RoBERTa's positions start at pad + 1, so 128 tokens need 130 rows.
  config.text.max_position_embeddings = config.max_text_tokens + 2;
  config.music.validate("geometry " + name);
  config.text.validate("geometry " + name);
  return config;
}

}  // namespace mnemo::clamp
