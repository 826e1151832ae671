// mnemo bert pretrain: masked-language-model pre-training of a BERT backbone on text.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/train/mlm_pretrainer.h"

namespace mnemo::cli {

void add_bert_pretrain(CLI::App& bert, Action& action) {
  auto options = std::make_shared<train::BertPretrainSettings>();
  auto& s = options->settings;
  auto* command = bert.add_subcommand(
      "pretrain", "masked-language-model pre-training (15%: 80% [MASK], 10% random, 10% kept)");
  command->add_option("--data", options->data, "plain-text files to learn from")->required();
  command->add_option("--config", options->geometry, "geometry: tiny, small or base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  command->add_option("--tokenizer", options->tokenizer, "tokenizer directory")
      ->check(CLI::ExistingDirectory);
  flags::out(*command, options->out,
             "run directory (checkpoint/, log, model/: the Hugging Face BertForMaskedLM "
             "directory), saved atomically");
  command->add_option("--steps", s.steps, "optimizer steps")->capture_default_str();
  flags::batch(*command, s.batch_size, "sequences per step");
  command->add_option(
      "--sequence-length", s.sequence_length,
      "tokens per sequence with [CLS] and [SEP] (default: the geometry's positions)");
  command->add_option("--lr", s.learning_rate, "peak learning rate (AdamW)")->capture_default_str();
  command->add_option("--save-every", s.save_every, "steps between validation and saving")
      ->capture_default_str();
  flags::seed(*command, s.seed, "random seed");
  flags::resume(*command, options->resume);
  on_chosen(*command, action, [options] {
    ProgressLine line;
    const auto result = train::pretrain_bert(*options, line.progress());
    line.finish();
    std::cout << "wrote " << options->out << ": BERT pre-trained for " << result.steps
              << " steps (use it with `mnemo rmt train --init " << options->out << "`)\n";
  });
}

}  // namespace mnemo::cli
