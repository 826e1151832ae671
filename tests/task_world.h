// A small world for RMT tests: a word-level WordPiece vocabulary that covers the task
// words, a noise text whose every sentence carries a unique marker word ("s17"), and
// tiny encoder and decoder RMTs built on them.
#pragma once
#include <memory>

#include "mnemo/core/progress.h"
#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/rmt/rmt_checkpoint.h"
#include "mnemo/tasks/task.h"
#include "test_support.h"

namespace mnemo::testing {

struct TaskWorld {
  ScratchDir dir;
  fs::path tokenizer_dir;  // vocab.txt
  fs::path noise_file;     // kNoiseSentences sentences, one per line
  std::shared_ptr<const text::Tokenizer> tokenizer;
  std::shared_ptr<const tasks::NoiseCorpus> noise;

  static constexpr int kNoiseSentences = 200;
  TaskWorld();

  tasks::TaskGenerator generator(tasks::TaskSpec spec, std::vector<std::string> labels = {}) const;
  // BERT of 2 layers, d=32, 4 heads, with `memory` memory tokens and `segment` positions.
  rmt::RmtModel tiny_rmt(int64_t memory = 2, int64_t segment = 16,
                         std::vector<std::string> labels = tasks::place_labels()) const;
  // Decoder RMT on a GPT-2 of 2 layers, d=32, 64 positions, ending texts with the
  // vocabulary's end of text; 2 memory tokens, segments of 24; initialised from `seed`.
  rmt::DecoderRmtModel tiny_decoder_rmt(uint64_t seed = 0) const;
};

// `model` saved as the model directory `dir` (rmt::save_rmt).
void save_rmt_dir(const rmt::RmtModel& model, const fs::path& dir);

// Progress that keeps the notes of a run (what it starts from, where it resumes).
struct RecordedNotes {
  std::vector<std::string> lines;
  // Valid while this lives.
  Progress progress();
  // Whether a note contains `text`.
  bool has(const std::string& text) const;
};

// `length` seeded random ids in [10, vocab): past the special tokens.
std::vector<int32_t> random_tokens(size_t length, int64_t vocab, uint64_t seed);

// The sample's tokens as the vocabulary's words, space-separated.
std::string words(const text::Tokenizer& tokenizer, const std::vector<int32_t>& ids);

}  // namespace mnemo::testing
