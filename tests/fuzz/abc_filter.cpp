// The ABC notation filter CLaMP runs over every tune.
#include "mnemo/clamp/abc_filter.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  fuzz::refuse_only_with_errors([&] { clamp::filter_abc(fuzz::as_text(data, size)); });
  return 0;
}
