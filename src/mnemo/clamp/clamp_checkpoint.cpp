#include "mnemo/clamp/clamp_checkpoint.h"

#include <torch/torch.h>

#include "mnemo/core/error.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/nn/model_files.h"

namespace mnemo::clamp {
namespace {

// Missing logit_scale takes the official value; anything else missing means the file is
// not a CLaMP checkpoint of this geometry.
void check_complete(LoadedClamp& loaded) {
  auto& missing = loaded.report.missing;
  const auto scale = std::find(missing.begin(), missing.end(), "logit_scale");
  if (scale != missing.end()) {
    torch::NoGradGuard no_grad;
    loaded.model->logit_scale.fill_(ClampModelImpl::kOfficialLogitScale);
    missing.erase(scale);
  }
  if (missing.empty()) return;
  std::string listed;
  for (size_t i = 0; i < missing.size() && i < 4; ++i) listed += (i ? ", " : "") + missing[i];
  if (missing.size() > 4) listed += ", ...";
  throw file_error(loaded.weights.string(),
                   "is not a CLaMP checkpoint: " + std::to_string(missing.size()) +
                       " weights are missing (" + listed +
                       "); expected the keys text_enc.*, text_proj.*, music_enc.patch_embedding.*, "
                       "music_enc.enc.*, music_proj.*");
}

}  // namespace

LoadedClamp load_clamp(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw file_error(dir.string(), "not a model directory");
  const ClampConfig config = ClampConfig::load(dir);
  LoadedClamp loaded{ClampModel(config), nn::find_weights_file(dir), {}};
  loaded.report = nn::load_weights_file(*loaded.model, loaded.weights, nn::bert_checkpoint_key);
  check_complete(loaded);
  loaded.model->eval();
  return loaded;
}

void load_clamp_weights(const std::filesystem::path& dir, ClampModelImpl& model) {
  const auto weights = nn::find_weights_file(dir);
  const auto report = nn::load_weights_file(model, weights, nn::bert_checkpoint_key);
  if (!report.missing.empty() || !report.unexpected.empty())
    throw file_error(weights.string(), "does not match this CLaMP model: " + report.summary());
}

const ClampTokenizer& ClampForUse::tokenizer() const {
  if (!tokenizer_or_null)
    throw Error(model_dir.string() +
                ": no text tokenizer (vocab.json + merges.txt) here; give --tokenizer DIR (for "
                "the official checkpoints, distilroberta-base's tokenizer files)");
  return *tokenizer_or_null;
}

ClampForUse load_clamp_for_use(const std::filesystem::path& model_dir,
                               const std::filesystem::path& tokenizer_dir,
                               const Progress& progress) {
  auto loaded = load_clamp(model_dir);
  if (!loaded.report.unexpected.empty()) {
    auto summary = loaded.report.summary();
    if (!summary.empty() && summary.back() == '\n') summary.pop_back();
    progress.note(summary);
  }
  ClampForUse use;
  use.model = loaded.model;
  use.model_dir = model_dir;
  const auto directory = tokenizer_dir.empty() ? model_dir : tokenizer_dir;
  if (std::filesystem::exists(directory / "vocab.json")) {
    use.tokenizer_dir = directory;
    use.tokenizer_or_null =
        std::make_shared<ClampTokenizer>(directory, use.model->config().max_text_tokens);
    if (use.tokenizer_or_null->vocab_size() > use.model->config().text.vocab_size)
      throw Error(directory.string() + ": the tokenizer has " +
                  std::to_string(use.tokenizer_or_null->vocab_size()) +
                  " tokens, more than the text encoder's " +
                  std::to_string(use.model->config().text.vocab_size));
  } else if (!tokenizer_dir.empty()) {
    throw file_error(tokenizer_dir.string(), "has no vocab.json");
  }
  return use;
}

void save_clamp(const io::AtomicDirectory& dir, const ClampModelImpl& model) {
  model.config().save(dir);
  io::save_safetensors(dir.staging() / "model.safetensors", nn::state_dict(model),
                       {{"format", "pt"}});
}

}  // namespace mnemo::clamp
