// mnemo clamp demo: CLaMP end to end on a machine without any dataset: generated tunes with
// descriptions, a tiny model trained on them (a few minutes on 2 cores; resumed or reused
// when run again), then semantic search both ways, zero-shot classification and the
// held-out evaluation, each printed as its own command prints it.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"
#include "mnemo/train/clamp_demo.h"

namespace mnemo::cli {
namespace clamp_demo {

// A step's heading, shown before the step runs.
void say(const std::string& text) { std::cout << "\n## " << text << "\n\n" << std::flush; }

// Runs `step` (a pipeline taking settings and progress) with a progress line on stderr.
template <typename Step, typename Settings>
auto with_progress(Step step, const Settings& settings) {
  ProgressLine line;
  auto result = step(settings, line.progress());
  line.finish();
  return result;
}

}  // namespace clamp_demo

void add_clamp_demo(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<train::ClampDemoSettings>();
  auto* command = clamp.add_subcommand(
      "demo", "train a tiny CLaMP on generated tunes, then search, classify and evaluate");
  command->add_option("--out", settings->out, "working directory")->capture_default_str();
  command->add_option("--tunes", settings->tunes, "generated tunes")->capture_default_str();
  command->add_option("--steps", settings->steps, "training steps")->capture_default_str();
  on_chosen(*command, action, [settings] {
    using clamp_demo::say;
    using clamp_demo::with_progress;
    const auto plan = train::plan_clamp_demo(*settings);
    if (plan.train) {
      say("training a tiny CLaMP on " + std::to_string(plan.tunes) + " generated tunes");
      print_clamp_run(with_progress(train::train_clamp, plan.training));
    } else {
      say("reusing the model in " + plan.model.string());
    }

    say("text -> music: \"" + plan.text_to_music.query_text + "\" against " +
        std::to_string(plan.held_out.size()) + " held-out tunes in " + plan.text_to_music.keys);
    const auto found = with_progress(clamp::search, plan.text_to_music);
    print_search_table(found, plan.text_to_music.key_modal);
    std::cout << "\nwhat those tunes are (their descriptions, which the search did not see):\n";
    for (const auto& hit : found.hits) {
      const auto description = plan.descriptions.find(hit.name);
      if (description != plan.descriptions.end())
        std::cout << "  " << hit.name << ": " << description->second << "\n";
    }

    say("music -> text: " + plan.music_to_text.query_music + " against every description");
    print_search_table(with_progress(clamp::search, plan.music_to_text),
                       plan.music_to_text.key_modal);

    say("zero-shot classification of held-out tunes into tune types");
    print_classification_table(with_progress(clamp::classify, plan.classification));

    say("held-out evaluation");
    print_eval_report(with_progress(clamp::evaluate, plan.evaluation));
  });
}

}  // namespace mnemo::cli
