// `bert pretrain`: masked-language-model pre-training of a BERT backbone on plain text, so
// that an RMT can start from a backbone that already reads language (the paper started from
// bert-base-cased). It trains an MlmLearner (mlm_learner.h) through the curriculum Trainer:
// one stage that spends its whole budget, validation and checkpoints every `save_every`
// steps, resume. The run directory is the Trainer's (trainer.h): run.json, checkpoint/,
// stage-1/, log.jsonl and model/, the final model (the best masked-token accuracy), a
// Hugging Face BertForMaskedLM directory with the tokenizer. Loaders of BERT directories
// take the run directory for model/ (io::resolve_model_directory).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "mnemo/core/progress.h"
#include "mnemo/train/progress.h"
#include "mnemo/train/train_settings.h"

namespace mnemo::train {

struct MlmSettings {
  int64_t steps = 2000;
  int64_t batch_size = 32;
  int64_t sequence_length = 0;  // including [CLS] and [SEP]; 0: the model's positions
  double learning_rate = 5e-4;
  double weight_decay = 0.01;
  double warmup_fraction = 0.06;
  double mask_fraction = 0.15;
  double clip_value = 5.0;
  int64_t save_every = 200;  // steps between validations and checkpoints
  int64_t validation_sequences = 64;
  uint64_t seed = 0;

  // The Trainer's settings for them: one stage of `steps` that never stops early.
  TrainSettings train_settings() const;
};

struct BertPretrainSettings {
  std::vector<std::string> data;   // plain-text files (not read on resume)
  std::string geometry = "small";  // tiny, small or base
  std::string tokenizer;           // tokenizer directory of a new run
  std::string out;                 // run directory
  bool resume = false;             // continue `out` with its own settings; the rest is not read
  MlmSettings settings;
};

struct BertPretrainResult {
  TrainState state;
  int64_t steps = 0;            // optimizer steps trained in all
  std::filesystem::path model;  // the final model: out/model
};

BertPretrainResult pretrain_bert(const BertPretrainSettings& settings,
                                 const Progress& progress = {});

}  // namespace mnemo::train
