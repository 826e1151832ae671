// --task, --position, --babi, --babi-story and --noise: the task of the `rmt` commands.
#pragma once
#include <CLI/CLI.hpp>

#include "mnemo/tasks/task_choice.h"

namespace mnemo::cli::flags {

void task(CLI::App& command, tasks::TaskChoice& choice);

}  // namespace mnemo::cli::flags
