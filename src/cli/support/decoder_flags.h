// --config, --tokenizer, --init, --memory and --segment-size: the decoder RMT that
// `lm train` and `babilong train` start from.
#pragma once
#include <CLI/CLI.hpp>

#include "mnemo/train/decoder_start.h"

namespace mnemo::cli::flags {

void decoder_start(CLI::App& command, train::DecoderStart& start);

}  // namespace mnemo::cli::flags
