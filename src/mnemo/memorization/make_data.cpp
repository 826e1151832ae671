#include "mnemo/memorization/make_data.h"

#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/indexed_dataset.h"
#include "mnemo/memorization/duplication.h"
#include "mnemo/text/token_stream.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::memorization {
namespace {

namespace fs = std::filesystem;
using Sequences = std::vector<std::vector<int64_t>>;

// Sequences that each start a text: end-of-text, then whole lines from a line's start; the
// line that does not fit is cut and the next sequence starts at the line after it. A model
// trained on them has seen end-of-text followed by the start of a sentence, which is how
// prompts begin (mnemo beb).
Sequences line_aligned_sequences(const std::vector<std::string>& texts,
                                 const text::Tokenizer& tokenizer, int64_t length,
                                 int64_t max_sequences) {
  const auto end_of_text = static_cast<int64_t>(text::end_of_text_id(tokenizer));
  Sequences sequences;
  std::vector<int64_t> sequence{end_of_text};
  for (const auto& name : texts) {
    std::ifstream in(name);
    if (!in) throw file_error(name, "cannot be read");
    std::string line;
    while (std::getline(in, line)) {
      if (max_sequences > 0 && static_cast<int64_t>(sequences.size()) >= max_sequences)
        return sequences;
      for (const auto id : tokenizer.encode(line)) {
        sequence.push_back(id);
        if (static_cast<int64_t>(sequence.size()) == length) break;
      }
      if (static_cast<int64_t>(sequence.size()) == length) {
        sequences.push_back(std::move(sequence));
        sequence = {end_of_text};
      }
    }
  }
  return sequences;
}

// The texts as one run of tokens, each followed by end-of-text, cut every `length` tokens.
Sequences running_sequences(const std::vector<std::string>& texts, const text::Tokenizer& tokenizer,
                            int64_t length, int64_t max_sequences) {
  const auto end_of_text = static_cast<int64_t>(text::end_of_text_id(tokenizer));
  Sequences sequences;
  std::vector<int64_t> pending;
  const auto take = [&](int64_t id) {
    if (max_sequences > 0 && static_cast<int64_t>(sequences.size()) >= max_sequences) return;
    pending.push_back(id);
    if (static_cast<int64_t>(pending.size()) == length) {
      sequences.push_back(std::move(pending));
      pending.clear();
    }
  };
  for (const auto& name : texts) {
    text::tokenize_files({name}, tokenizer, [&](const std::vector<int32_t>& ids, uint64_t) {
      for (const auto id : ids) take(id);
    });
    take(end_of_text);
  }
  return sequences;
}

}  // namespace

MadeData make_data(const MakeDataSettings& settings) {
  if (settings.sequence_length < 2) throw Error("--seq-len must be at least 2");
  const auto tokenizer = text::load_tokenizer(settings.tokenizer);
  const auto distinct =
      settings.line_aligned
          ? line_aligned_sequences(settings.texts, *tokenizer, settings.sequence_length,
                                   settings.max_sequences)
          : running_sequences(settings.texts, *tokenizer, settings.sequence_length,
                              settings.max_sequences);
  if (distinct.empty())
    throw Error("make-data: the text holds fewer than --seq-len " +
                std::to_string(settings.sequence_length) + " tokens");
  const auto data =
      duplicate_sequences(distinct, settings.copies, settings.held_out, settings.seed);
  const auto dtype = io::token_dtype_for(tokenizer->vocab_size());
  io::write_indexed_dataset(settings.out, data.sequences, dtype);
  MadeData made;
  made.sequences = data.sequences.size();
  // Scores depend on a sequence's tokens only: with duplicates, scoring each distinct
  // sequence once (in text order, the held-out ones last) says all.
  if (has_duplicates(data.distinct_copies)) {
    made.distinct_prefix = settings.out + "-distinct";
    made.distinct_sequences = distinct.size();
    io::write_indexed_dataset(*made.distinct_prefix, distinct, dtype);
  }
  std::vector<std::string> texts;
  for (const auto& name : settings.texts) texts.push_back(fs::absolute(name).string());
  const nlohmann::json description = {{"texts", texts},
                                      {"tokenizer", fs::absolute(settings.tokenizer).string()},
                                      {"vocab_size", tokenizer->vocab_size()},
                                      {"end_of_text", text::end_of_text_id(*tokenizer)},
                                      {"sequence_length", settings.sequence_length},
                                      {"sequences", data.sequences.size()},
                                      {"held_out", settings.held_out},
                                      {"distinct_copies", data.distinct_copies}};
  io::write_file_atomic(data_description_path(settings.out), description.dump(2) + "\n");
  return made;
}

fs::path data_description_path(const fs::path& prefix) {
  auto path = prefix;
  if (path.extension() == ".idx" || path.extension() == ".bin") path.replace_extension();
  return path.string() + ".json";
}

std::optional<DataDescription> read_data_description(const std::string& prefix) {
  const auto path = data_description_path(prefix);
  if (!fs::exists(path)) return std::nullopt;
  return DataDescription{path.string(), io::read_json_file(path)};
}

}  // namespace mnemo::memorization
