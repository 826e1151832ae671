// Seeded randomness for task generation. Every sample is drawn from its own stream, keyed
// by (seed, split, length, index), so a sample can be regenerated on its own: validation
// sets are fixed, and a resumed run sees exactly the batches it would have seen.
#pragma once
#include <cstdint>
#include <initializer_list>

namespace mnemo::tasks {

// SplitMix64: tiny, fast and the same on every platform (std distributions are not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  // A stream keyed by several numbers, e.g. Random::keyed({seed, stage, step, index}).
  static Random keyed(std::initializer_list<uint64_t> keys) {
    uint64_t state = 0x6a09e667f3bcc908ULL;
    for (uint64_t key : keys) state = Random(state ^ key).next();
    return Random(state);
  }

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for the sizes used here.
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

}  // namespace mnemo::tasks
