#include "fixtures.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "mnemo/core/error.h"
#include "test_support.h"

namespace mnemo::testing {
namespace {

namespace fs = std::filesystem;

// Written last into a fixture's directory: its presence says the fixture is whole.
constexpr const char* kMadeMarker = ".made";

std::map<std::string, FixtureMaker>& makers() {
  static std::map<std::string, FixtureMaker> registered;
  return registered;
}

const FixtureMaker& maker_of(const std::string& name) {
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0) {
    // Reference scripts need no registration: their fixture runs them.
    auto& maker = makers()[name];
    if (!maker) maker = [name](const fs::path& dir) { run_python_reference(name, dir); };
    return maker;
  }
  const auto found = makers().find(name);
  if (found == makers().end()) throw Error("no test fixture is registered as '" + name + "'");
  return found->second;
}

// Runs the maker into `dir` (created empty) and marks it whole.
void make_into(const std::string& name, const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  maker_of(name)(dir);
  write_text(dir / kMadeMarker, name + "\n");
}

}  // namespace

bool register_fixture(const std::string& name, FixtureMaker make) {
  makers()[name] = std::move(make);
  return true;
}

const fs::path& fixture(const std::string& name) {
  static std::map<std::string, fs::path> ready;
  static std::vector<std::unique_ptr<ScratchDir>> scratch;
  if (const auto found = ready.find(name); found != ready.end()) return found->second;
  fs::path dir;
  if (const char* root = std::getenv("MNEMO_TEST_FIXTURES")) {
    dir = fs::path(root) / name;
    if (!fs::exists(dir / kMadeMarker))
      throw Error("test fixture '" + name + "' was not made: see the output of the CTest test " +
                  "fixture:" + name + " (or run the test binary without MNEMO_TEST_FIXTURES)");
  } else {
    scratch.push_back(std::make_unique<ScratchDir>());
    dir = scratch.back()->path() / name;
    make_into(name, dir);
  }
  return ready[name] = dir;
}

const fs::path& reference_outputs(const std::string& script) { return fixture(script); }

int make_fixture_for_ctest(const std::string& name) {
  const char* root = std::getenv("MNEMO_TEST_FIXTURES");
  if (!root) {
    std::cerr << "--make-fixture needs MNEMO_TEST_FIXTURES (the directory fixtures go to)\n";
    return 2;
  }
  try {
    make_into(name, fs::path(root) / name);
  } catch (const std::exception& error) {
    std::cerr << "fixture " << name << " could not be made: " << error.what() << "\n";
    return 1;
  }
  std::cout << "fixture " << name << " made in " << (fs::path(root) / name).string() << "\n";
  return 0;
}

}  // namespace mnemo::testing
