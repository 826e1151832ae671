#include "mnemo/train/progress.h"

#include <cstdio>

#include "mnemo/io/json_file.h"

namespace mnemo::train {

nlohmann::json TrainState::to_json() const {
  return {{"stage", stage},         {"step", step},       {"best_accuracy", best_accuracy},
          {"best_step", best_step}, {"seconds", seconds}, {"finished", finished},
          {"stages", stages}};
}

TrainState TrainState::from_json(const nlohmann::json& json, const std::string& source) {
  TrainState s;
  s.stage = io::json_field<size_t>(json, "stage", 0, source);
  s.step = io::json_field<int64_t>(json, "step", 0, source);
  s.best_accuracy = io::json_field<double>(json, "best_accuracy", -1, source);
  s.best_step = io::json_field<int64_t>(json, "best_step", 0, source);
  s.seconds = io::json_field<double>(json, "seconds", 0, source);
  s.finished = io::json_field<bool>(json, "finished", false, source);
  s.stages = io::json_field<std::vector<nlohmann::json>>(json, "stages", {}, source);
  return s;
}

std::string describe(const TrainProgress& p) {
  char text[256];
  std::snprintf(text, sizeof text, "stage %zu/%zu (%ld seg) step %ld/%ld loss %.4f", p.stage + 1,
                p.stages, static_cast<long>(p.segments), static_cast<long>(p.step),
                static_cast<long>(p.stage_steps), p.loss);
  std::string line = text;
  if (p.accuracy >= 0) {
    std::snprintf(text, sizeof text, " val %.1f%% best %.1f%%", 100 * p.accuracy,
                  100 * p.best_accuracy);
    line += text;
  }
  return line + " eta<=" + format_duration(p.seconds_per_step * (p.stage_steps - p.step));
}

ProgressCallback report_to(const Progress& progress) {
  return [progress](const TrainProgress& p) {
    progress.update(static_cast<double>(p.step), static_cast<double>(p.stage_steps), describe(p),
                    p.event == TrainProgress::Event::stage_done);
  };
}

}  // namespace mnemo::train
