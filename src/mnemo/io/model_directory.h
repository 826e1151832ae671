// Where a model directory's files are: a training run directory (train::Trainer's run.json,
// checkpoint/, model/ ...) stands for its final model, so that `rmt train --init RUN`,
// `encode --model RUN` and the tokenizer loaders take a `bert pretrain` run as they take the
// model it made.
#pragma once
#include <filesystem>

namespace mnemo::io {

// dir/model when `dir` holds run.json but no config.json; otherwise `dir` itself.
std::filesystem::path resolve_model_directory(const std::filesystem::path& dir);

}  // namespace mnemo::io
