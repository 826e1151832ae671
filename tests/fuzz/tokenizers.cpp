// WordPiece and byte-level BPE on arbitrary bytes (invalid UTF-8 included), with small
// vocabularies written at start-up.
#include "fuzz_input.h"
#include "mnemo/text/byte_level_bpe.h"
#include "mnemo/text/wordpiece.h"

namespace {

using namespace mnemo;

const text::WordPieceTokenizer& wordpiece() {
  static const text::WordPieceTokenizer tokenizer([] {
    const auto dir = fuzz::scratch() / "wordpiece";
    std::filesystem::create_directories(dir);
    fuzz::write_scratch("wordpiece/vocab.txt",
                        "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nmary\n##s\nkitchen\n.\n,\n"
                        "caf\n##\xc3\xa9\n\xe4\xb8\xad\n");
    return dir;
  }());
  return tokenizer;
}

const text::ByteLevelBpeTokenizer& bpe() {
  static const text::ByteLevelBpeTokenizer tokenizer([] {
    const auto dir = fuzz::scratch() / "bpe";
    std::filesystem::create_directories(dir);
    fuzz::write_scratch("bpe/vocab.json",
                        R"({"<|endoftext|>": 0, "t": 1, "h": 2, "e": 3, "th": 4, "the": 5,)"
                        R"( "\u0120": 6, "\u0120the": 7, "a": 8})");
    fuzz::write_scratch("bpe/merges.txt", "#version: 0.2\nt h\nth e\n\xc4\xa0 the\n");
    return dir;
  }());
  return tokenizer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto text = fuzz::as_text(data, size);
  fuzz::refuse_only_with_errors([&] { wordpiece().encode(text); });
  fuzz::refuse_only_with_errors([&] { bpe().encode(text); });
  return 0;
}
