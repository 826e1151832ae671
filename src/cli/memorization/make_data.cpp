// mnemo memorization make-data: tokenized text cut into fixed-length training sequences.
#include "mnemo/memorization/make_data.h"

#include <iostream>

#include "cli/commands.h"
#include "mnemo/core/numbers.h"

namespace mnemo::cli {

void add_memorization_make_data(CLI::App& memorization, Action& action) {
  auto settings = std::make_shared<memorization::MakeDataSettings>();
  auto copies = std::make_shared<std::string>("1");
  auto* command = memorization.add_subcommand(
      "make-data", "cut tokenized text into fixed-length training sequences (indexed dataset)");
  command->add_option("--text", settings->texts, "plain-text files, in order")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--tokenizer", settings->tokenizer, "tokenizer directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--seq-len", settings->sequence_length, "tokens per sequence")
      ->capture_default_str();
  command->add_option("--max-sequences", settings->max_sequences,
                      "distinct sequences to cut (0 = all the text)");
  command
      ->add_option("--copies", *copies,
                   "copies of each distinct training sequence, cycling, e.g. 1,2,4,8 "
                   "(copies at seeded random places)")
      ->capture_default_str();
  command
      ->add_option("--held-out", settings->held_out,
                   "the last distinct sequences, once each at the end (for train --held-out)")
      ->capture_default_str();
  flags::seed(*command, settings->seed, "seed of the copies' places");
  command->add_flag("--line-aligned", settings->line_aligned,
                    "start every sequence with end-of-text and a line's start (text with one "
                    "sentence or document per line)");
  flags::out(*command, settings->out,
             "PREFIX: writes PREFIX.idx, PREFIX.bin, PREFIX.json (and PREFIX-distinct.idx/.bin "
             "with --copies)");
  on_chosen(*command, action, [settings, copies] {
    settings->copies = parse_counts(*copies, "--copies");
    const auto made = memorization::make_data(*settings);
    std::cout << made.sequences << " sequences of " << settings->sequence_length << " tokens -> "
              << settings->out << ".idx/.bin\n";
    if (made.distinct_prefix)
      std::cout << made.distinct_sequences << " distinct sequences (the held-out last) -> "
                << *made.distinct_prefix << ".idx/.bin\n";
  });
}

}  // namespace mnemo::cli
