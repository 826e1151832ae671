// Options the `mnemo beb` subcommands share: the behavior scorer, and the model whose
// behavior is measured (a GPT-2 directory or an exact mixture of two).
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/progress_line.h"
#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/beb/estimation.h"
#include "mnemo/beb/sentence_model.h"

namespace mnemo::cli {

struct ScorerChoice {
  std::string name = "afinn";
  beb::ScorerFiles files;

  std::unique_ptr<beb::BehaviorScorer> make() const { return beb::make_scorer(name, files); }
};

// --scorer NAME and the files scorers read (--lexicon ...).
void add_scorer_options(CLI::App& command, ScorerChoice& scorer);

// --model DIR | --mixture ALPHA:NEG_DIR,POS_DIR, one of them required.
struct ModelChoice {
  std::string dir, mixture;
};
void add_model_options(CLI::App& command, ModelChoice& choice);

// The model chosen, with one of its GPT-2s (for vocabulary checks and the tokenizer).
struct ChosenModel {
  std::shared_ptr<beb::SentenceModel> model;
  std::shared_ptr<beb::Gpt2SentenceModel> gpt2;
  std::optional<double> alpha;  // a mixture's
};
ChosenModel load_chosen_model(const ModelChoice& choice, int64_t max_sentence_tokens);

// --max-sentence-tokens: the longest sentence sampled or scored.
void add_sentence_length_option(CLI::App& command, int64_t& max_sentence_tokens);

// The lines of a text file (one sentence, prefix or label a line); unreadable: an error
// naming it.
std::vector<std::string> read_lines(const std::string& path);
// Nothing but spaces, tabs or a carriage return.
bool is_blank(const std::string& line);

// A progress callback (done, total) drawing "WHAT [####....] done/total" on `line`.
std::function<void(int64_t, int64_t)> progress_of(ProgressLine& line, const std::string& what);

// {"value", "low", "high", "samples"}, and "value [low, high]" for tables.
nlohmann::json estimate_json(const beb::Estimate& estimate);
std::string estimate_text(const beb::Estimate& estimate);

}  // namespace mnemo::cli
