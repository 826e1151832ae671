// mnemo clamp demo: CLaMP end to end on a machine without any dataset: generated tunes with
// descriptions, a tiny model trained on them (a few minutes on 2 cores; resumed or reused
// when run again), then semantic search both ways, zero-shot classification and the
// held-out evaluation.
#include <iostream>

#include "cli/clamp_actions.h"
#include "cli/command.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/sentences.h"

namespace mnemo::cli {
namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string out = "data/demo/clamp";
  int64_t tunes = 1000;
  int64_t steps = 1000;
};

void say(const std::string& text) { std::cout << "\n## " << text << "\n\n" << std::flush; }

void run_demo(const DemoOptions& options) {
  const fs::path out = options.out;
  const fs::path run = out / "run";
  const fs::path model = run / "model";
  fs::create_directories(out / "keys");
  const auto tunes = clamp::synthetic_tunes(0, options.tunes);
  clamp::write_music_text_json(out / "tunes.json", tunes);
  std::vector<std::string> test_files;
  for (size_t i = 0; i < tunes.size() && test_files.size() < 40; ++i)
    if (clamp::split_of(tunes[i]) == clamp::DataSplit::test) {
      const fs::path file = out / "keys" / ("tune-" + std::to_string(i) + ".abc");
      io::write_file_atomic(file, tunes[i].music);
      test_files.push_back(file.string());
    }

  if (!fs::exists(model / "config.json")) {
    say("training a tiny CLaMP on " + std::to_string(options.tunes) + " generated tunes");
    ClampTrainOptions train;
    train.out = run.string();
    train.resume = fs::exists(run / "run.json");
    train.synthetic = options.tunes;
    train.vocab_size = 1024;
    train.max_patches = 64;
    train.settings.curriculum = {1};
    train.settings.steps_per_stage = options.steps;
    train.settings.batch_size = 32;
    train.settings.learning_rate = 1e-3;
    train.settings.weight_decay = 0.01;
    train.settings.validate_every = 50;
    train.settings.target_accuracy = 1.0;
    run_clamp_train(train);
  } else {
    say("reusing the model in " + model.string());
  }
  ClampModelOptions use;
  use.model = model.string();

  const std::string query = "a fast jig in D major";
  say("text -> music: \"" + query + "\" against " + std::to_string(test_files.size()) +
      " held-out tunes in " + (out / "keys").string());
  ClampSearchOptions search;
  search.model = use;
  search.query_text = query;
  search.keys = (out / "keys").string();
  search.top_n = 5;
  const auto found = run_clamp_search(search);
  std::cout << "\nwhat those tunes are (their descriptions, which the search did not see):\n";
  for (const auto& result : found) {
    const std::string name = result["name"];  // tune-<index>.abc
    const auto index = std::stoul(name.substr(5, name.size() - 9));
    std::cout << "  " << name << ": " << text::split_sentences(tunes[index].text).front() << "\n";
  }

  say("music -> text: " + test_files.front() + " against every description");
  search.query_text.clear();
  search.query_music = test_files.front();
  search.keys = (out / "tunes.json").string();
  search.key_modal = "text";
  search.top_n = 3;
  run_clamp_search(search);

  say("zero-shot classification of held-out tunes into tune types");
  ClampClassifyOptions classify;
  classify.model = use;
  classify.music.assign(test_files.begin(),
                        test_files.begin() + std::min<size_t>(5, test_files.size()));
  for (const auto& type : clamp::synthetic_tune_types())
    classify.labels += (classify.labels.empty() ? "" : ",") + type;
  classify.text_template = "This is a {label}.";
  run_clamp_classify(classify);

  say("held-out evaluation");
  ClampEvalOptions eval;
  eval.model = use;
  eval.data = (out / "tunes.json").string();
  eval.text_template = classify.text_template;
  run_clamp_eval(eval);
}

}  // namespace

void add_clamp_demo_command(CLI::App& clamp, Action& action) {
  auto options = std::make_shared<DemoOptions>();
  auto* command = clamp.add_subcommand(
      "demo", "train a tiny CLaMP on generated tunes, then search, classify and evaluate");
  command->add_option("--out", options->out, "working directory")->capture_default_str();
  command->add_option("--tunes", options->tunes, "generated tunes")->capture_default_str();
  command->add_option("--steps", options->steps, "training steps")->capture_default_str();
  command->callback([&action, options] { action = [options] { run_demo(*options); }; });
}

}  // namespace mnemo::cli
