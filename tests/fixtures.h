// Expensive things several tests share: toy models trained through the CLI, outputs of the
// Python reference scripts. Each is made once per test run: under CTest by the setup test
// "fixture:<name>" (FIXTURES_SETUP, tests/tests.cmake) into $MNEMO_TEST_FIXTURES/<name>;
// when a test binary is run by hand, once per process into a scratch directory. A fixture
// that cannot be made fails the tests that use it; it never skips them.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace mnemo::testing {

// Writes the fixture's files into the (new, empty) directory it is given.
using FixtureMaker = std::function<void(const std::filesystem::path& dir)>;

// Registers a fixture; call at static initialisation, from the file whose tests need it, as
// `const bool kMyFixture = register_fixture("my-fixture", make_my_fixture);`.
bool register_fixture(const std::string& name, FixtureMaker make);

// The directory holding fixture `name`. Throws (failing the calling test) when it cannot be
// made or, under CTest, when its setup test did not make it.
const std::filesystem::path& fixture(const std::string& name);

// The outputs of tests/reference/<script> (run with Debian's python3 and its torch): the
// fixture named after the script.
const std::filesystem::path& reference_outputs(const std::string& script);

// Makes fixture `name` into $MNEMO_TEST_FIXTURES/<name>, replacing what is there: the body of
// the CTest setup test (`mnemo_tests --make-fixture NAME`). Returns the exit status.
int make_fixture_for_ctest(const std::string& name);

}  // namespace mnemo::testing
