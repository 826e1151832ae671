// mnemo babilong eval: accuracy per task and input length of a decoder RMT, answers
// generated greedily and scored as BABILong does.
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/support/progress_line.h"
#include "mnemo/eval/babilong_evaluation.h"

namespace mnemo::cli {
namespace babilong_eval {

// Tasks down, lengths across, accuracy in each cell.
void print_table(const eval::BabilongEvalResult& result) {
  std::map<std::string, std::map<std::string, double>> cells;
  std::vector<std::string> tasks;
  for (const auto& row : result.rows) {
    if (!cells.count(row.model)) tasks.push_back(row.model);
    cells[row.model][std::to_string(row.segments)] = row.accuracy();
  }
  const auto& columns = result.columns;
  std::cout << "| task |";
  for (const auto& column : columns) std::cout << " " << column << " |";
  std::cout << "\n|---|";
  for (size_t i = 0; i < columns.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (const auto& task : tasks) {
    std::cout << "| " << task << " |";
    for (size_t c = 0; c < columns.size(); ++c) {
      const auto found = cells[task].find(std::to_string(c));
      char cell[16];
      std::snprintf(cell, sizeof cell, "%.0f",
                    100 * (found == cells[task].end() ? 0 : found->second));
      std::cout << " " << (found == cells[task].end() ? "" : cell) << " |";
    }
    std::cout << "\n";
  }
}

}  // namespace babilong_eval

void add_babilong_eval(CLI::App& babilong, Action& action) {
  struct Options {
    eval::BabilongEvalSettings settings;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto& s = options->settings;
  auto* command = babilong.add_subcommand(
      "eval", "accuracy per task and input length, answers generated and scored as BABILong does");
  command->add_option("--model", s.model, "decoder RMT model directory")->required();
  command->add_option("--data", s.data, "BABILong JSON or JSONL files (input, question, target)")
      ->check(CLI::ExistingFile);
  command->add_option("--babi", s.babi, "bAbI files to make samples from, one per task")
      ->check(CLI::ExistingFile);
  command->add_option("--noise", s.noise, "noise text for --babi samples")->capture_default_str();
  command->add_option("--lengths", s.lengths, "input lengths of --babi samples")
      ->capture_default_str();
  command->add_option("--samples", s.samples, "samples per task and length")->capture_default_str();
  flags::seed(*command, s.seed, "seed of the samples");
  command->add_option("--max-new-tokens", s.max_new_tokens, "answer tokens to generate")
      ->capture_default_str();
  flags::json(*command, options->json, "results as JSON");
  on_chosen(*command, action, [options] {
    ProgressLine line;
    const auto result = eval::evaluate_babilong(options->settings, line.progress());
    line.finish();
    if (options->json)
      std::cout << result.to_json().dump(2) << "\n";
    else
      babilong_eval::print_table(result);
  });
}

}  // namespace mnemo::cli
