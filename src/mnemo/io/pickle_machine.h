// A restricted unpickler: Python's pickle opcodes for plain data (None, bools, ints, floats,
// strings, bytes, tuples, lists, dicts) run here, and everything that could execute code
// (globals, calls, persistent ids, object state) goes through the caller's hooks, which
// accept a short allowlist and refuse the rest. Nothing of a hostile pickle is ever run:
// an opcode outside the set, a global outside the allowlist, a truncated stream or an
// inconsistent stack is an Error.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mnemo::io {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Tensor };
  Kind kind = Kind::None;
  int64_t integer = 0;                                   // Int, Bool
  double number = 0;                                     // Float
  std::string text;                                      // String, Bytes; Global: "module.name"
  std::vector<PickleRef> items;                          // Tuple, List
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
  torch::Tensor tensor;                                  // Tensor (made by a hook)

  static PickleRef make(Kind kind) {
    auto value = std::make_shared<PickleValue>();
    value->kind = kind;
    return value;
  }
  // "dict", "tuple", "global collections.OrderedDict", ... for error messages.
  std::string describe() const;
};

struct PickleHooks {
  // GLOBAL module.name: true to allow it (it becomes a Global value), false to refuse.
  std::function<bool(const std::string& name)> allow_global;
  // REDUCE: an allowed global called with a tuple of arguments.
  std::function<PickleRef(const PickleValue& callable, const PickleValue& arguments)> call;
  // BINPERSID: the object a persistent id stands for.
  std::function<PickleRef(const PickleValue& persistent_id)> persistent_load;
  // BUILD: applies `state` to `object` (or throws).
  std::function<void(PickleValue& object, const PickleValue& state)> build;
};

// Runs the pickle in `bytes` to its STOP and returns the object left on the stack. Errors
// name `source` and the byte offset.
PickleRef unpickle(std::string_view bytes, const PickleHooks& hooks, const std::string& source);

}  // namespace mnemo::io
