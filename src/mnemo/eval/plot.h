// Accuracy against input length as a PNG, one line per model, like Figure 5 of the RMT
// paper. Drawn by gnuplot (Debian's gnuplot-nox), which the setup script installs.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/eval/report.h"

namespace mnemo::eval {

// Rows are grouped into lines by their `model`; x is input tokens (log scale), y accuracy
// with its 95% interval as error bars. The file is written atomically.
void plot_accuracy(const std::vector<AccuracyRow>& rows, const std::filesystem::path& png,
                   const std::string& title);

// The same for the rows of saved `rmt eval --json` files (results_json), in file order, so
// that runs evaluated apart share one picture.
void plot_accuracy_files(const std::vector<std::string>& results, const std::filesystem::path& png,
                         const std::string& title);

}  // namespace mnemo::eval
