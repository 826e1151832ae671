// Training data with duplicates, as real corpora have them: memorization in Pythia goes with
// how often a sequence recurs in the data. Distinct sequence u of the training part is
// written copies[u % copies.size()] times, every copy at a seeded random position of the
// file; the held-out sequences (never trained on) follow, once each, at the end.
#pragma once
#include <cstdint>
#include <vector>

namespace mnemo::memorization {

struct DuplicatedData {
  std::vector<std::vector<int64_t>> sequences;  // the file's sequences, in file order
  // For each distinct sequence, in text order: how many times the file holds it for
  // training (0 for the held-out ones).
  std::vector<int64_t> distinct_copies;
};

// Whether any sequence of these copy counts is written more than once.
bool has_duplicates(const std::vector<int64_t>& distinct_copies);

// `distinct`: the sequences in text order, the last `held_out` of them held out. Copy counts
// must be at least 1; every count of 1 and no shuffle is the text in order.
DuplicatedData duplicate_sequences(const std::vector<std::vector<int64_t>>& distinct,
                                   const std::vector<int64_t>& copies, uint64_t held_out,
                                   uint64_t seed);

}  // namespace mnemo::memorization
