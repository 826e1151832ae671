// Seeded synthetic tunes in ABC with descriptions that match them: tune type (and so meter),
// key and mode, tempo, register and rhythm are drawn, written into the music (M:, K:, Q:,
// octave, note lengths) and said in the text, so a CLaMP model can learn to pair them.
// For tests and for the demo on a machine without any dataset.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mnemo/clamp/music_text_data.h"

namespace mnemo::clamp {

// The tune types, which are also the pieces' genre field (labels for classification).
const std::vector<std::string>& synthetic_tune_types();

// Tune `index` of the set `seed`: the same arguments give the same tune.
MusicTextPair synthetic_tune(uint64_t seed, int64_t index);
std::vector<MusicTextPair> synthetic_tunes(uint64_t seed, int64_t count);

}  // namespace mnemo::clamp
