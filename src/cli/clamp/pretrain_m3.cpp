// mnemo clamp pretrain-m3: masked-music pre-training of the music encoder (M3), which
// `clamp train --init-m3` starts from.
#include "cli/commands.h"
#include "cli/support/clamp_flags.h"
#include "cli/support/clamp_tables.h"
#include "cli/support/progress_line.h"

namespace mnemo::cli {

void add_clamp_pretrain_m3(CLI::App& clamp, Action& action) {
  auto settings = std::make_shared<train::M3PretrainSettings>();
  auto* command = clamp.add_subcommand("pretrain-m3",
                                       "masked-music pre-training of CLaMP's music encoder (M3)");
  flags::clamp_run(*command, *settings);
  on_chosen(*command, action, [settings] {
    ProgressLine line;
    const auto result = train::pretrain_m3(*settings, line.progress());
    line.finish();
    print_clamp_run(result);
  });
}

}  // namespace mnemo::cli
