// WikiMT-format JSON: music-text pairs.
#include "fuzz_input.h"
#include "mnemo/clamp/music_text_data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  const auto file = fuzz::write_scratch("pairs.json", fuzz::as_text(data, size));
  fuzz::refuse_only_with_errors([&] {
    for (const auto& pair : clamp::read_music_text_json(file)) clamp::candidate_texts(pair);
  });
  return 0;
}
