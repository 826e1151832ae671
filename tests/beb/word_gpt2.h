// Tiny random GPT-2s over a 14-word vocabulary, saved with their tokenizer, for the tests of
// the BEB sentence models and of the beb pipelines that read them.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace mnemo::beb {

// The vocabulary, in id order: [SEP] (3) is end-of-text, "." (5) and "!" (6) end sentences.
inline constexpr const char* kTestWords[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                                             ".",     "!",     "the",   "day",   "was",
                                             "good",  "bad",   "cat",   "is"};

// A random GPT-2 of 32 positions saved under dir/name (its vocabulary in dir/name-vocab).
// `extra_word` adds "dog" to the vocabulary. `sharpness` scales the final LayerNorm, and so
// the logits: a fresh model's next-token distribution is nearly uniform, a sharp one's is
// peaked and changes with the context.
std::filesystem::path write_word_gpt2(const std::filesystem::path& dir, const std::string& name,
                                      uint64_t seed, bool extra_word = false, double sharpness = 1);

}  // namespace mnemo::beb
