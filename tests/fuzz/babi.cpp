// bAbI task files (qa1..qa20 format).
#include "mnemo/tasks/babi.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mnemo;
  const auto file = fuzz::write_scratch("qa.txt", fuzz::as_text(data, size));
  fuzz::refuse_only_with_errors([&] { tasks::read_babi(file); });
  return 0;
}
