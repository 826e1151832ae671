#include "mnemo/train/m3_learner.h"

#include "mnemo/clamp/clamp_inputs.h"
#include "mnemo/core/error.h"
#include "mnemo/nn/eval_scope.h"

namespace mnemo::train {
namespace {

std::vector<std::vector<clamp::Patch>> patch_all(const std::vector<clamp::MusicTextPair>& pairs,
                                                 int64_t max_patches, const std::string& source) {
  std::vector<std::vector<clamp::Patch>> pieces;
  for (const auto& pair : pairs)
    pieces.push_back(
        clamp::abc_to_patches(pair.music, {max_patches, true}, source + " (" + pair.title + ")"));
  return pieces;
}

}  // namespace

M3Learner::M3Learner(clamp::M3Model model, const std::vector<clamp::MusicTextPair>& train,
                     const std::vector<clamp::MusicTextPair>& validation, const std::string& source)
    : model_(std::move(model)) {
  train_ = patch_all(train, model_->max_patches(), source);
  validation_ = patch_all(validation, model_->max_patches(), source);
  if (train_.empty() || validation_.empty())
    throw Error(source + ": M3 pre-training needs training and validation pieces");
}

std::vector<torch::Tensor> M3Learner::parameters() const { return model_->parameters(); }

clamp::M3ModelImpl::Result M3Learner::run(const std::vector<std::vector<clamp::Patch>>& pieces,
                                          const std::vector<size_t>& chosen,
                                          const SampleRandom& random) {
  std::vector<std::vector<clamp::Patch>> originals, inputs;
  std::vector<std::vector<bool>> picks;
  for (size_t i = 0; i < chosen.size(); ++i) {
    auto piece_random = random(static_cast<int64_t>(i));
    auto masked = clamp::mask_piece(pieces[chosen[i]], piece_random);
    originals.push_back(pieces[chosen[i]]);
    inputs.push_back(std::move(masked.input));
    picks.push_back(std::move(masked.chosen));
  }
  const auto original = clamp::music_batch(originals);
  const auto input = clamp::music_batch(inputs);
  auto picked = torch::zeros_like(input.mask, torch::kBool);
  for (size_t i = 0; i < picks.size(); ++i)
    for (size_t j = 0; j < picks[i].size(); ++j)
      if (picks[i][j]) picked[static_cast<int64_t>(i)][static_cast<int64_t>(j)] = true;
  return model_->forward(original.inputs, input.inputs, input.mask, picked);
}

double M3Learner::accumulate_batch(const BatchRequest& request, const TrainSettings& settings) {
  model_->train();
  return for_each_micro_batch(request, settings.batch_size, settings.effective_micro_batch(),
                              [&](int64_t first, int64_t count, double share) {
                                std::vector<size_t> chosen;
                                for (int64_t i = 0; i < count; ++i)
                                  chosen.push_back(request.random(first + i).below(train_.size()));
                                // Each sample's mask comes from its own stream, apart from the one
                                // that chose it.
                                const auto result = run(train_, chosen, [&](int64_t i) {
                                  auto stream = request.random(first + i);
                                  return tasks::Random(stream.next() ^ 0x4d33ULL);
                                });
                                const auto loss = result.loss * share;
                                loss.backward();
                                return loss.item<double>();
                              });
}

Tally M3Learner::accuracy(const tasks::SampleSet& set, const TrainSettings& settings) {
  const nn::EvalScope evaluating(*model_);
  int64_t correct = 0, characters = 0;
  const auto batch = static_cast<size_t>(settings.effective_micro_batch());
  const auto [begin, size] =
      runtime::share_of(static_cast<int64_t>(validation_.size()), set.rank, set.ranks);
  const auto end = static_cast<size_t>(begin + size);
  for (auto first = static_cast<size_t>(begin); first < end; first += batch) {
    std::vector<size_t> chosen;
    for (size_t i = first; i < std::min(end, first + batch); ++i) chosen.push_back(i);
    const auto result = run(validation_, chosen,
                            [&](int64_t i) { return set.random(static_cast<int64_t>(first) + i); });
    correct += result.correct;
    characters += result.characters;
  }
  return {static_cast<double>(correct), static_cast<double>(characters)};
}

void M3Learner::save(const io::AtomicDirectory& out) const { clamp::save_m3(out, *model_); }

void M3Learner::load_weights(const std::filesystem::path& dir) {
  const auto loaded = clamp::load_m3(dir);
  torch::NoGradGuard no_grad;
  auto source = loaded->named_parameters();
  for (auto& target : model_->named_parameters()) target.value().copy_(source[target.key()]);
}

}  // namespace mnemo::train
