// `clamp demo`: CLaMP end to end on a machine without any dataset. Generated tunes with
// descriptions, a tiny model trained on them (resumed, or reused once trained), then
// semantic search both ways, zero-shot classification and the held-out evaluation: each
// step a call of the very pipeline its command runs (train_clamp, clamp::search,
// clamp::classify, clamp::evaluate), with the settings this plan gives it, so that the
// caller can say what each step does before it runs.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "mnemo/clamp/pipeline.h"
#include "mnemo/train/clamp_training.h"

namespace mnemo::train {

struct ClampDemoSettings {
  std::string out = "data/demo/clamp";  // working directory
  int64_t tunes = 1000;                 // generated tunes
  int64_t steps = 1000;                 // training steps
};

struct ClampDemoPlan {
  std::filesystem::path model;        // the run's model directory
  bool train = true;                  // false: the model of an earlier demo is reused
  int64_t tunes = 0;                  // generated tunes, in out/tunes.json
  std::vector<std::string> held_out;  // up to 40 test-split tunes as out/keys/tune-<i>.abc
  // Each held-out key's name (tune-<i>.abc) -> the first sentence of its description.
  std::map<std::string, std::string> descriptions;
  ClampTrainSettings training;
  clamp::SearchSettings text_to_music;     // a text against the held-out tunes
  clamp::SearchSettings music_to_text;     // the first held-out tune against every description
  clamp::ClassifySettings classification;  // held-out tunes into tune types
  clamp::EvalSettings evaluation;          // the test split of out/tunes.json
};

// Writes out/tunes.json and the held-out keys, and says what the demo runs.
ClampDemoPlan plan_clamp_demo(const ClampDemoSettings& settings);

}  // namespace mnemo::train
