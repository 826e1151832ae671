// What CLaMP's encoders read, from what users have: texts through a byte-level BPE
// tokenizer with RoBERTa's special tokens, music from ABC files (transliterated to ASCII,
// filtered, bar-patched), and both padded into batches.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mnemo/clamp/bar_patches.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::clamp {

// RoBERTa's encoding as Hugging Face's tokenizer(text, truncation=True, max_length=128):
// <s> pieces </s>, the pieces cut to fit; the text is first transliterated to ASCII, as the
// official code's unidecode.
class ClampTokenizer {
 public:
  // A directory with vocab.json + merges.txt whose vocabulary has <s>, </s> and <pad>.
  ClampTokenizer(const std::filesystem::path& directory, int64_t max_tokens);

  std::vector<int64_t> encode(std::string_view text) const;
  // Several texts in one: <s> a </s> b </s> ... (RoBERTa's separator between them), cut to fit.
  std::vector<int64_t> encode_joined(const std::vector<std::string>& texts) const;
  int64_t pad_id() const { return pad_; }
  int64_t vocab_size() const { return tokenizer_->vocab_size(); }
  const text::Tokenizer& tokenizer() const { return *tokenizer_; }

 private:
  std::unique_ptr<text::Tokenizer> tokenizer_;
  int64_t max_tokens_;
  int64_t begin_ = 0, end_ = 0, pad_ = 0;
};

// The patches of ABC text as CLaMP reads them: transliterated, filtered (abc_filter.h),
// patched (bar_patches.h). `source` names the tune in errors: a tune without a single bar
// of music is an error.
std::vector<Patch> abc_to_patches(std::string_view abc, const PatchOptions& options,
                                  const std::string& source);

// The ABC text of a music file: ABC as is, MIDI converted with `midi2abc` (Debian's abcmidi).
// Anything else (MusicXML, audio, binary) is an error naming the file and what is read, and
// so is a MIDI file midi2abc cannot convert.
std::string read_music_file(const std::filesystem::path& path);

// A standard MIDI file as ABC, through `midi2abc -f FILE`.
std::string midi_to_abc(const std::filesystem::path& path);

struct EncoderBatch {
  torch::Tensor inputs;  // text: (B, T) ids; music: (B, N, 64) codes
  torch::Tensor mask;    // (B, T) or (B, N), 1 = real
};

// Right-padded with `pad_id`; every sequence must be non-empty.
EncoderBatch text_batch(const std::vector<std::vector<int64_t>>& ids, int64_t pad_id);
EncoderBatch music_batch(const std::vector<std::vector<Patch>>& pieces);

}  // namespace mnemo::clamp
