#include "mnemo/text/sentencepiece_backend.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "mnemo/core/error.h"

namespace mnemo::text {
namespace {

constexpr const char* kLibraryName = "libmnemo_sentencepiece.so";

std::vector<std::filesystem::path> candidate_paths() {
  std::vector<std::filesystem::path> paths;
  if (const char* override_path = std::getenv("MNEMO_SENTENCEPIECE_LIB")) return {override_path};
#ifdef MNEMO_SENTENCEPIECE_BUILT_AT
  paths.emplace_back(MNEMO_SENTENCEPIECE_BUILT_AT);
#endif
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) paths.push_back(program.parent_path() / kLibraryName);
  return paths;
}

using Factory = SentencePieceBackend* (*)();

Factory load_factory() {
  std::string failures;
  for (const auto& path : candidate_paths()) {
    if (!std::filesystem::exists(path)) {
      failures += "\n  " + path.string() + ": no such file";
      continue;
    }
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
    if (handle == nullptr) {
      failures += "\n  " + path.string() + ": " + ::dlerror();
      continue;
    }
    if (auto factory =
            reinterpret_cast<Factory>(::dlsym(handle, "mnemo_sentencepiece_backend_create")))
      return factory;
    failures += "\n  " + path.string() + ": no mnemo_sentencepiece_backend_create";
  }
  throw Error("cannot load the SentencePiece backend (" + std::string(kLibraryName) +
              "); set MNEMO_SENTENCEPIECE_LIB to its path. Tried:" + failures);
}

}  // namespace

std::unique_ptr<SentencePieceBackend> make_sentencepiece_backend() {
  static std::once_flag once;
  static Factory factory = nullptr;
  std::call_once(once, [] { factory = load_factory(); });
  return std::unique_ptr<SentencePieceBackend>(factory());
}

}  // namespace mnemo::text
