// mnemo babilong make: BABILong-style samples (JSONL) from bAbI files and noise text.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/tasks/babilong_tasks.h"

namespace mnemo::cli {

void add_babilong_make(CLI::App& babilong, Action& action) {
  auto settings = std::make_shared<tasks::BabilongMakeSettings>();
  auto* command = babilong.add_subcommand(
      "make", "write BABILong-style samples (JSONL) from bAbI files and noise text");
  command->add_option("--babi", settings->babi, "bAbI files (qa1..qa20 format)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--noise", settings->noise, "plain-text files whose sentences are the noise")
      ->capture_default_str();
  command->add_option("--tokenizer", settings->tokenizer, "tokenizer lengths are counted in")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--lengths", settings->lengths, "input lengths, e.g. 0,1k,4k")
      ->capture_default_str();
  command->add_option("--samples", settings->samples, "samples per task and length")
      ->capture_default_str();
  flags::seed(*command, settings->seed, "seed of the samples");
  flags::out(*command, settings->out, "JSONL file to write");
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto samples = tasks::make_babilong_samples(*settings, line.progress());
    line.finish();
    std::cout << "wrote " << settings->out << ": " << samples << " samples\n";
  });
}

}  // namespace mnemo::cli
