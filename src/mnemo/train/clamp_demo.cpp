#include "mnemo/train/clamp_demo.h"

#include <algorithm>

#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::train {

namespace fs = std::filesystem;

ClampDemoPlan plan_clamp_demo(const ClampDemoSettings& settings) {
  const fs::path out = settings.out;
  const fs::path run = out / "run";
  const fs::path keys = out / "keys";
  const fs::path data = out / "tunes.json";
  fs::create_directories(keys);
  const auto tunes = clamp::synthetic_tunes(0, settings.tunes);
  clamp::write_music_text_json(data, tunes);

  ClampDemoPlan plan;
  plan.model = run / "model";
  plan.train = !fs::exists(plan.model / "config.json");
  plan.tunes = settings.tunes;
  for (size_t i = 0; i < tunes.size() && plan.held_out.size() < 40; ++i)
    if (clamp::split_of(tunes[i]) == clamp::DataSplit::test) {
      const std::string name = "tune-" + std::to_string(i) + ".abc";
      io::write_file_atomic(keys / name, tunes[i].music);
      plan.held_out.push_back((keys / name).string());
      plan.descriptions[name] = text::split_sentences(tunes[i].text).front();
    }

  auto& train = plan.training;
  train.out = run.string();
  train.resume = fs::exists(run / "run.json");
  train.synthetic = settings.tunes;
  train.vocab_size = 1024;
  train.max_patches = 64;
  train.settings.steps_per_stage = settings.steps;
  train.settings.batch_size = 32;
  train.settings.learning_rate = 1e-3;

  const clamp::ModelChoice model{plan.model.string(), ""};
  auto& search = plan.text_to_music;
  search.model = model;
  search.query_text = "a fast jig in D major";
  search.keys = keys.string();
  search.top_n = 5;

  auto& reverse = plan.music_to_text;
  reverse.model = model;
  if (!plan.held_out.empty()) reverse.query_music = plan.held_out.front();
  reverse.keys = data.string();
  reverse.key_modal = "text";
  reverse.top_n = 3;

  auto& classify = plan.classification;
  classify.model = model;
  classify.music.assign(plan.held_out.begin(),
                        plan.held_out.begin() + std::min<size_t>(5, plan.held_out.size()));
  for (const auto& type : clamp::synthetic_tune_types())
    classify.labels += (classify.labels.empty() ? "" : ",") + type;
  classify.text_template = "This is a {label}.";

  auto& eval = plan.evaluation;
  eval.model = model;
  eval.data = data.string();
  eval.text_template = classify.text_template;
  return plan;
}

}  // namespace mnemo::train
