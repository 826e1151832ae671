// Flags several `mnemo beb` commands take: the behavior scorer, the model measured (a GPT-2
// directory or an exact mixture of two), the two components, and the sentence length.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "mnemo/beb/behavior_scorer.h"
#include "mnemo/beb/model_choice.h"

namespace mnemo::cli::flags {

// --scorer NAME, --lexicon FILE (AFINN) and --scorer-model DIR (learned).
void beb_scorer(CLI::App& command, beb::ScorerChoice& scorer);
// --model DIR | --mixture ALPHA:NEG_DIR,POS_DIR (the library requires one of them).
void beb_model(CLI::App& command, beb::ModelChoice& choice);
// --positive DIR and --negative DIR: P+ and P-, required.
void beb_components(CLI::App& command, std::string& positive, std::string& negative);
// --max-sentence-tokens: the longest sentence sampled or scored.
void beb_sentence_length(CLI::App& command, int64_t& max_sentence_tokens);

}  // namespace mnemo::cli::flags
