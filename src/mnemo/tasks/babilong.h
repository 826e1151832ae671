// BABILong samples (Kuratov et al. 2024): a long `input` with bAbI facts hidden in noise, a
// `question` and a `target`, read from JSON (a list of objects) or JSONL (one a line), and
// scored as the benchmark's reference code does.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/text/tokenizer.h"

namespace mnemo::tasks {

struct BabilongSample {
  std::string input;
  std::string question;
  std::string target;
};

// Errors name the file, the line (JSONL) or the item (JSON list), and the field.
std::vector<BabilongSample> read_babilong(const std::filesystem::path& file);

// BABILong's compare_answers: both lowercased, the output cut at its first '.', "<context>"
// or "<example>", correct when the target occurs in what is left.
bool babilong_correct(const std::string& output, const std::string& target);

// How a decoder reads a sample: the prompt is the input, then the question, then "Answer:";
// the model is to continue it with the answer: the target and the end-of-text token.
struct QaTokens {
  std::vector<int64_t> prompt;
  std::vector<int64_t> answer;
};
QaTokens qa_tokens(const BabilongSample& sample, const text::Tokenizer& tokenizer);

}  // namespace mnemo::tasks
