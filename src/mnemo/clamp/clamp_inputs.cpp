#include "mnemo/clamp/clamp_inputs.h"

#include <torch/torch.h>

#include <algorithm>
#include <sstream>

#include "mnemo/clamp/abc_filter.h"
#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"
#include "mnemo/core/subprocess.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/ascii.h"
#include "mnemo/text/byte_level_bpe.h"
#include "mnemo/text/unicode.h"

namespace mnemo::clamp {
namespace {

int64_t special_id(const text::Tokenizer& tokenizer, const std::string& token,
                   const std::filesystem::path& directory) {
  const auto id = tokenizer.token_id(token);
  if (!id)
    throw file_error(directory.string(), "the vocabulary has no " + token +
                                             ": CLaMP's text side needs RoBERTa's special tokens");
  return *id;
}

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

ClampTokenizer::ClampTokenizer(const std::filesystem::path& directory, int64_t max_tokens)
    : tokenizer_(std::make_unique<text::ByteLevelBpeTokenizer>(directory)),
      max_tokens_(max_tokens) {
  if (max_tokens < 3) throw Error("a text needs room for at least one token besides <s> </s>");
  begin_ = special_id(*tokenizer_, "<s>", directory);
  end_ = special_id(*tokenizer_, "</s>", directory);
  pad_ = special_id(*tokenizer_, "<pad>", directory);
}

std::vector<int64_t> ClampTokenizer::encode(std::string_view text) const {
  return encode_joined({std::string(text)});
}

std::vector<int64_t> ClampTokenizer::encode_joined(const std::vector<std::string>& texts) const {
  std::vector<int64_t> pieces;
  for (const auto& text : texts) {
    if (!pieces.empty()) pieces.push_back(end_);
    const auto ids = tokenizer_->encode(text::to_ascii(text));
    pieces.insert(pieces.end(), ids.begin(), ids.end());
  }
  if (static_cast<int64_t>(pieces.size()) > max_tokens_ - 2)
    pieces.resize(static_cast<size_t>(max_tokens_ - 2));
  pieces.insert(pieces.begin(), begin_);
  pieces.push_back(end_);
  return pieces;
}

std::vector<Patch> abc_to_patches(std::string_view abc, const PatchOptions& options,
                                  const std::string& source) {
  const std::string music = filter_abc(text::to_ascii(abc));
  auto patches = patchify(music, options);
  const auto is_music = [](const Patch& patch) {
    return patch[0] != kEndCode && !is_header_line(patch_to_text(patch));
  };
  if (std::none_of(patches.begin(), patches.end(), is_music))
    throw file_error(source, "holds no music: not one bar after the header fields (is it ABC?)");
  return patches;
}

std::string midi_to_abc(const std::filesystem::path& path) {
  const auto converted = run_process({"midi2abc", "-f", path.string()});
  // midi2abc reports its errors on stdout.
  if (converted.exit_code != 0 || converted.out.find("K:") == std::string::npos)
    throw file_error(path.string(), "midi2abc could not convert this MIDI file: " +
                                        trim(converted.err + converted.out));
  // Its lines end in a backslash (continuation); the patcher joins body lines anyway.
  std::string abc;
  std::stringstream lines(converted.out);
  for (std::string line; std::getline(lines, line);) {
    if (ends_with(line, "\\")) line.erase(line.find_last_not_of(" \\") + 1);
    abc += line + "\n";
  }
  return abc;
}

std::string read_music_file(const std::filesystem::path& path) {
  const std::string bytes = io::read_file(path);
  if (bytes.empty()) throw file_error(path.string(), "is empty");
  const std::string supported = "mnemo reads music as ABC notation (text) or MIDI";
  if (starts_with(bytes, "MThd")) return midi_to_abc(path);
  if (starts_with(bytes, "PK\x03\x04"))
    throw file_error(path.string(), "is a zip archive (compressed MusicXML?); " + supported);
  if (bytes.find('\0') != std::string::npos)
    throw file_error(path.string(), "is a binary file, not text; " + supported);
  if (const auto bad = text::invalid_utf8_offset(bytes))
    throw file_error(path.string(), "is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  if (starts_with(bytes, "<?xml") || bytes.find("<score-partwise") != std::string::npos)
    throw file_error(path.string(), "is MusicXML; " + supported);
  return bytes;
}

EncoderBatch text_batch(const std::vector<std::vector<int64_t>>& ids, int64_t pad_id) {
  size_t longest = 0;
  for (const auto& one : ids) {
    if (one.empty()) throw Error("an empty text in a batch");
    longest = std::max(longest, one.size());
  }
  const auto rows = static_cast<int64_t>(ids.size());
  EncoderBatch batch{torch::full({rows, static_cast<int64_t>(longest)}, pad_id, torch::kLong),
                     torch::zeros({rows, static_cast<int64_t>(longest)}, torch::kLong)};
  for (int64_t i = 0; i < rows; ++i) {
    const auto& one = ids[static_cast<size_t>(i)];
    const auto length = static_cast<int64_t>(one.size());
    batch.inputs[i].narrow(0, 0, length).copy_(torch::tensor(one, torch::kLong));
    batch.mask[i].narrow(0, 0, length).fill_(1);
  }
  return batch;
}

EncoderBatch music_batch(const std::vector<std::vector<Patch>>& pieces) {
  size_t longest = 0;
  for (const auto& one : pieces) {
    if (one.empty()) throw Error("a piece without patches in a batch");
    longest = std::max(longest, one.size());
  }
  const auto rows = static_cast<int64_t>(pieces.size());
  const auto columns = static_cast<int64_t>(longest);
  EncoderBatch batch{torch::zeros({rows, columns, kPatchLength}, torch::kLong),
                     torch::zeros({rows, columns}, torch::kLong)};
  for (int64_t i = 0; i < rows; ++i) {
    const auto& one = pieces[static_cast<size_t>(i)];
    const auto length = static_cast<int64_t>(one.size());
    batch.inputs[i].narrow(0, 0, length).copy_(patches_to_tensor(one));
    batch.mask[i].narrow(0, 0, length).fill_(1);
  }
  return batch;
}

}  // namespace mnemo::clamp
