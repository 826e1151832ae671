// mnemo beb train-scorer: a learned behavior scorer trained on sentences labelled by another
// scorer (AFINN by default) or by a file of labels.
#include <iostream>

#include "cli/beb_options.h"
#include "cli/command.h"
#include "mnemo/beb/learned_scorer.h"
#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::cli {
namespace {

struct TrainScorerOptions {
  std::string text, labels, out;
  ScorerChoice label_scorer;
  beb::LearnedScorerTraining training;
};

// A label file's line as a number in [-1, 1]; anything else names the file and line.
double parse_label(const std::string& text, const std::string& path, size_t line) {
  const auto label = parse_number(text);
  if (!label || !(*label >= -1 && *label <= 1))
    throw file_error(path + ":" + std::to_string(line),
                     "'" + text + "' is not a label (a number in [-1, 1])");
  return *label;
}

void run_train_scorer(const TrainScorerOptions& options) {
  const auto lines = read_lines(options.text);
  std::vector<std::string> sentences;
  std::vector<double> labels;
  std::vector<std::string> label_lines;
  if (!options.labels.empty()) {
    label_lines = read_lines(options.labels);
    if (label_lines.size() != lines.size())
      throw file_error(options.labels, "has " + std::to_string(label_lines.size()) + " lines, " +
                                           options.text + " " + std::to_string(lines.size()) +
                                           ": one label a line");
  }
  const auto scorer = options.labels.empty() ? options.label_scorer.make() : nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_blank(lines[i])) continue;
    sentences.push_back(lines[i]);
    labels.push_back(scorer ? scorer->score(lines[i])
                            : parse_label(label_lines[i], options.labels, i + 1));
  }
  if (sentences.empty()) throw file_error(options.text, "holds no sentences");
  const auto trained = beb::train_learned_scorer(
      sentences, labels, options.training, [&](int64_t epoch, double loss) {
        std::cerr << "epoch " << epoch << "/" << options.training.epochs << ": mean squared error "
                  << loss << "\n";
      });
  const auto& q = trained.held_out;
  // Without held-out sentences there is no quality to report.
  const nlohmann::json quality = q.sentences == 0
                                     ? nlohmann::json(nullptr)
                                     : nlohmann::json{{"sentences", q.sentences},
                                                      {"mean_squared_error", q.mean_squared_error},
                                                      {"correlation", q.correlation},
                                                      {"sign_agreement", q.sign_agreement}};
  trained.scorer.save(
      options.out,
      {{"text", options.text},
       {"labels", options.labels.empty() ? "scorer " + options.label_scorer.name : options.labels},
       {"training_sentences", trained.training_sentences},
       {"held_out", quality},
       {"epochs", options.training.epochs},
       {"seed", options.training.seed}});
  std::cout << "wrote " << options.out << ": " << trained.scorer.feature_count()
            << " features, trained on " << trained.training_sentences
            << " sentences; held out: " << quality.dump() << "\n";
}

}  // namespace

void add_beb_train_scorer_command(CLI::App& beb, Action& action) {
  auto options = std::make_shared<TrainScorerOptions>();
  auto* command = beb.add_subcommand(
      "train-scorer", "train a learned behavior scorer on labelled sentences (one per line)");
  command->add_option("--text", options->text, "sentences, one per line")
      ->required()
      ->check(CLI::ExistingFile);
  command
      ->add_option("--labels", options->labels,
                   "labels in [-1, 1], one per line of --text (default: --label-scorer's)")
      ->check(CLI::ExistingFile);
  command->add_option("--label-scorer", options->label_scorer.name, "scorer that labels --text")
      ->capture_default_str();
  command->add_option("--lexicon", options->label_scorer.files.lexicon, "AFINN lexicon")
      ->capture_default_str();
  command
      ->add_option("--label-scorer-model", options->label_scorer.files.learned_model,
                   "the labelling scorer's directory when it is a learned one")
      ->check(CLI::ExistingDirectory);
  auto& t = options->training;
  command->add_option("--dim", t.dim, "embedding width")->capture_default_str();
  command->add_option("--epochs", t.epochs, "passes over the training sentences")
      ->capture_default_str();
  command->add_option("--batch", t.batch, "sentences per step")->capture_default_str();
  command->add_option("--lr", t.learning_rate, "Adam learning rate")->capture_default_str();
  command->add_option("--held-out", t.held_out_fraction, "share of sentences held out")
      ->capture_default_str();
  command->add_option("--min-count", t.min_count, "occurrences a feature needs")
      ->capture_default_str();
  command->add_option("--seed", t.seed, "seed of the split, order and initialisation")
      ->capture_default_str();
  command->add_option("--out", options->out, "the scorer's directory")->required();
  command->callback([&action, options] { action = [options] { run_train_scorer(*options); }; });
}

}  // namespace mnemo::cli
