#include "cli/support/clamp_tables.h"

#include <iomanip>
#include <iostream>

#include "cli/support/train_flags.h"

namespace mnemo::cli {
namespace clamp_tables {

void print_retrieval_row(const std::string& name, const clamp::RetrievalMetrics& m) {
  std::cout << "| " << name << " | " << std::fixed << std::setprecision(4) << m.mrr << " | "
            << m.hit_at_1 << " | " << m.hit_at_10 << " | " << m.hit_at_100 << " |\n";
}

}  // namespace clamp_tables

void print_search_table(const clamp::SearchResult& result, const std::string& key_modal) {
  std::cout << "| rank | similarity | probability | " << key_modal << " |\n|---:|---:|---:|---|\n";
  for (const auto& hit : result.hits)
    std::cout << "| " << hit.rank << " | " << std::fixed << std::setprecision(4) << hit.similarity
              << " | " << std::setprecision(2) << 100 * hit.probability << "% | " << hit.name
              << " |\n";
}

void print_classification_table(const clamp::Classification& result) {
  std::cout << "| file | label |";
  for (const auto& label : result.labels) std::cout << " " << label << " |";
  std::cout << "\n|---|---|";
  for (size_t i = 0; i < result.labels.size(); ++i) std::cout << "---:|";
  std::cout << "\n";
  for (const auto& piece : result.pieces) {
    std::cout << "| " << piece.file << " | " << piece.label << " |";
    for (const double p : piece.probabilities)
      std::cout << " " << std::fixed << std::setprecision(1) << 100 * p << "% |";
    std::cout << "\n";
  }
}

void print_eval_report(const clamp::EvalReport& report) {
  std::cout
      << "CLaMP on " << report.data << ", " << report.split << " split (" << report.pieces
      << " pieces)\n\n| retrieval | MRR | Hit@1 | Hit@10 | Hit@100 |\n|---|---:|---:|---:|---:|\n";
  clamp_tables::print_retrieval_row("text -> music", report.text_to_music);
  clamp_tables::print_retrieval_row("music -> text", report.music_to_text);
  clamp_tables::print_retrieval_row("chance", report.retrieval_chance);
  if (const auto& g = report.genre) {
    std::cout << "\nzero-shot genre (" << g->labels.size() << " labels, template \""
              << g->text_template << "\"): accuracy " << std::setprecision(3) << g->accuracy
              << ", macro-F1 " << g->macro_f1 << " (chance " << g->chance_accuracy
              << ", majority class " << g->majority_accuracy << ")\n";
  }
}

void print_clamp_run(const train::TrainedModel& result) {
  print_stage_table(result.state);
  std::cout << "model: " << result.model.string() << "\n";
}

}  // namespace mnemo::cli
