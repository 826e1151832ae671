// M3 masked-music pre-training (clamp/m3_model.h) as a Learner of the shared Trainer (one
// stage; "segments" unused): each batch draws pieces of the training split and masks them
// afresh; validation is the share of characters of the chosen patches rebuilt right, on the
// validation pieces under fixed masks.
#pragma once
#include <vector>

#include "mnemo/clamp/m3_model.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

class M3Learner : public Learner {
 public:
  // Pieces are patched once here; `source` names the data in errors.
  M3Learner(clamp::M3Model model, const std::vector<clamp::MusicTextPair>& train,
            const std::vector<clamp::MusicTextPair>& validation, const std::string& source);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  // The model's result on pieces[first, first + count), each masked with random(i).
  clamp::M3ModelImpl::Result run(const std::vector<std::vector<clamp::Patch>>& pieces,
                                 const std::vector<size_t>& chosen, const SampleRandom& random);

  clamp::M3Model model_;
  std::vector<std::vector<clamp::Patch>> train_, validation_;
};

}  // namespace mnemo::train
