// Megatron .idx/.bin pairs: the input's first two bytes (little-endian) say how long the .idx
// is; the rest of the input is the .bin.
#include "mnemo/io/indexed_dataset.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  if (size < 2) return 0;
  const auto bytes = fuzz::as_text(data + 2, size - 2);
  const size_t split = std::min<size_t>(bytes.size(), data[0] | (data[1] << 8));
  fuzz::write_scratch("data.idx", bytes.substr(0, split));
  fuzz::write_scratch("data.bin", bytes.substr(split));
  fuzz::refuse_only_with_errors([&] {
    const io::IndexedDataset dataset(fuzz::scratch() / "data");
    for (uint64_t i = 0; i < std::min<uint64_t>(dataset.size(), 64); ++i) dataset.tokens(i);
  });
  return 0;
}
