#include "mnemo/train/train_settings.h"

#include <algorithm>

#include "mnemo/core/error.h"
#include "mnemo/io/json_file.h"
#include "mnemo/rmt/backprop.h"
#include "mnemo/train/schedule.h"

namespace mnemo::train {

double TrainSettings::learning_rate_at(int64_t step) const {
  return warmup_linear_decay(step, steps_per_stage, warmup_fraction, learning_rate);
}

nlohmann::json TrainSettings::to_json() const {
  return {{"curriculum", curriculum},
          {"steps_per_stage", steps_per_stage},
          {"batch_size", batch_size},
          {"micro_batch", micro_batch},
          {"learning_rate", learning_rate},
          {"weight_decay", weight_decay},
          {"warmup_fraction", warmup_fraction},
          {"clip_value", clip_value},
          {"validate_every", validate_every},
          {"validation_samples", validation_samples},
          {"checkpoint_every", checkpoint_every},
          {"keep_every", keep_every},
          {"target_accuracy", target_accuracy},
          {"stop_at_target", stop_at_target},
          {"loss_all_segments", loss_all_segments},
          {"bptt_depth", bptt_depth},
          {"bptt", bptt},
          {"mixed_lengths", mixed_lengths},
          {"seed", seed}};
}

TrainSettings TrainSettings::from_json(const nlohmann::json& json, const std::string& source) {
  TrainSettings s;
  using io::json_field;
  s.curriculum = json_field(json, "curriculum", s.curriculum, source);
  s.steps_per_stage = json_field(json, "steps_per_stage", s.steps_per_stage, source);
  s.batch_size = json_field(json, "batch_size", s.batch_size, source);
  s.micro_batch = json_field(json, "micro_batch", s.micro_batch, source);
  s.learning_rate = json_field(json, "learning_rate", s.learning_rate, source);
  s.weight_decay = json_field(json, "weight_decay", s.weight_decay, source);
  s.warmup_fraction = json_field(json, "warmup_fraction", s.warmup_fraction, source);
  s.clip_value = json_field(json, "clip_value", s.clip_value, source);
  s.validate_every = json_field(json, "validate_every", s.validate_every, source);
  s.validation_samples = json_field(json, "validation_samples", s.validation_samples, source);
  s.checkpoint_every = json_field(json, "checkpoint_every", s.checkpoint_every, source);
  s.keep_every = json_field(json, "keep_every", s.keep_every, source);
  s.target_accuracy = json_field(json, "target_accuracy", s.target_accuracy, source);
  // Runs written before stop_at_target said "never stop early" with a target above 1.
  s.stop_at_target = json_field(json, "stop_at_target", s.target_accuracy <= 1, source);
  if (!s.stop_at_target) s.target_accuracy = std::min(s.target_accuracy, 1.0);
  s.loss_all_segments = json_field(json, "loss_all_segments", s.loss_all_segments, source);
  s.bptt_depth = json_field(json, "bptt_depth", s.bptt_depth, source);
  s.bptt = json_field(json, "bptt", s.bptt, source);
  s.mixed_lengths = json_field(json, "mixed_lengths", s.mixed_lengths, source);
  s.seed = json_field(json, "seed", s.seed, source);
  try {
    s.validate();
  } catch (const Error& error) {
    throw file_error(source, error.what());
  }
  return s;
}

void TrainSettings::validate() const {
  if (curriculum.empty()) throw Error("--curriculum needs at least one stage");
  for (size_t i = 0; i < curriculum.size(); ++i)
    if (curriculum[i] < 1) throw Error("--curriculum: segment counts must be >= 1");
  if (steps_per_stage < 1) throw Error("--steps must be >= 1");
  if (batch_size < 1 || micro_batch < 0) throw Error("--batch must be >= 1");
  if (batch_size % effective_micro_batch() != 0)
    throw Error("--batch " + std::to_string(batch_size) + " is not a multiple of --micro-batch " +
                std::to_string(micro_batch));
  if (!(learning_rate > 0)) throw Error("--lr must be > 0");
  if (warmup_fraction < 0 || warmup_fraction > 1) throw Error("--warmup must lie in [0, 1]");
  if (validate_every < 1 || validation_samples < 1)
    throw Error("--validate-every and --validation-samples must be >= 1");
  if (!(target_accuracy > 0 && target_accuracy <= 1))
    throw Error("--target-acc must lie in (0, 1]");
  if (bptt_depth < 0) throw Error("--bptt-depth must be >= 0");
  if (keep_every < 0) throw Error("--keep-every must be >= 0");
  rmt::parse_bptt(bptt);
}

}  // namespace mnemo::train
