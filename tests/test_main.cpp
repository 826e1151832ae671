// The test program: GoogleTest's, plus `--make-fixture NAME`, the body of the CTest setup
// tests that make each shared fixture once per test run (fixtures.h).
#include <gtest/gtest.h>

#include <cstring>

#include "fixtures.h"

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--make-fixture") == 0)
    return mnemo::testing::make_fixture_for_ctest(argv[2]);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
