// mnemo beb train-scorer: a learned behavior scorer trained on sentences labelled by another
// scorer (AFINN by default) or by a file of labels.
#include <iostream>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/train/scorer_training.h"

namespace mnemo::cli {

void add_beb_train_scorer(CLI::App& beb, Action& action) {
  auto settings = std::make_shared<train::ScorerTrainSettings>();
  auto* command = beb.add_subcommand(
      "train-scorer", "train a learned behavior scorer on labelled sentences (one per line)");
  command->add_option("--text", settings->text, "sentences, one per line (not with --resume)")
      ->check(CLI::ExistingFile);
  command
      ->add_option("--labels", settings->labels,
                   "labels in [-1, 1], one per line of --text (default: --label-scorer's)")
      ->check(CLI::ExistingFile);
  command->add_option("--label-scorer", settings->label_scorer.name, "scorer that labels --text")
      ->capture_default_str();
  command->add_option("--lexicon", settings->label_scorer.files.lexicon, "AFINN lexicon")
      ->capture_default_str();
  command
      ->add_option("--label-scorer-model", settings->label_scorer.files.learned_model,
                   "the labelling scorer's directory when it is a learned one")
      ->check(CLI::ExistingDirectory);
  command->add_option("--dim", settings->dim, "embedding width")->capture_default_str();
  command->add_option("--epochs", settings->epochs, "passes over the training sentences")
      ->capture_default_str();
  flags::batch(*command, settings->batch, "sentences per step");
  command->add_option("--lr", settings->learning_rate, "Adam learning rate (decays linearly to 0)")
      ->capture_default_str();
  command->add_option("--held-out", settings->held_out_fraction, "share of sentences held out")
      ->capture_default_str();
  command->add_option("--min-count", settings->min_count, "occurrences a feature needs")
      ->capture_default_str();
  flags::seed(*command, settings->seed, "seed of the split, order and initialisation");
  flags::out(*command, settings->out,
             "run directory; the trained scorer's files land at its top (--scorer-model DIR)");
  flags::resume(*command, settings->resume);
  command->callback([&action, settings] {
    if (!settings->resume && settings->text.empty()) throw CLI::RequiredError("--text");
    action = [settings] {
      ProgressLine line;
      const auto trained = train::train_scorer(*settings, line.progress());
      line.finish();
      std::cout << "wrote " << settings->out << ": " << trained.features << " features, trained on "
                << trained.training_sentences
                << " sentences; held out: " << trained.held_out_json().dump() << "\n";
    };
  });
}

}  // namespace mnemo::cli
