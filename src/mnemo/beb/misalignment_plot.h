// B_P(s) against the misaligning prompt's length as a PNG (gnuplot), with the theory's
// lengths (transition, Theorem 1 ...) drawn as labelled vertical lines.
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "mnemo/beb/misalignment.h"

namespace mnemo::beb {

// `marks`: (label, sentences) pairs; those beyond twice the curve's last k are left out.
void plot_misalignment(const std::vector<BehaviorPoint>& curve,
                       const std::vector<std::pair<std::string, double>>& marks,
                       const std::filesystem::path& png, const std::string& title);

}  // namespace mnemo::beb
