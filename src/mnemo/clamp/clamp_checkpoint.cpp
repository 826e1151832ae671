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

void save_clamp(const io::AtomicDirectory& dir, const ClampModelImpl& model) {
  model.config().save(dir);
  io::save_safetensors(dir.staging() / "model.safetensors", nn::state_dict(model),
                       {{"format", "pt"}});
}

}  // namespace mnemo::clamp
