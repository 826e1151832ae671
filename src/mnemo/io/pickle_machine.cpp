#include "mnemo/io/pickle_machine.h"

#include <cstring>
#include <unordered_map>

#include "mnemo/core/error.h"

namespace mnemo::io {
namespace {

using Kind = PickleValue::Kind;

// Opcodes of pickle protocols 0-5 that plain data and torch.save state dicts use.
enum Opcode : uint8_t {
  kMark = '(',
  kStop = '.',
  kBinFloat = 'G',
  kBinInt = 'J',
  kBinInt1 = 'K',
  kBinInt2 = 'M',
  kNone = 'N',
  kBinPersId = 'Q',
  kReduce = 'R',
  kBinString = 'T',
  kShortBinString = 'U',
  kBinUnicode = 'X',
  kAppend = 'a',
  kBuild = 'b',
  kGlobal = 'c',
  kDict = 'd',
  kAppends = 'e',
  kBinGet = 'h',
  kLongBinGet = 'j',
  kList = 'l',
  kBinPut = 'q',
  kLongBinPut = 'r',
  kSetItem = 's',
  kTuple = 't',
  kSetItems = 'u',
  kEmptyDict = '}',
  kEmptyList = ']',
  kEmptyTuple = ')',
  kBinBytes = 'B',
  kShortBinBytes = 'C',
  kProto = 0x80,
  kTuple1 = 0x85,
  kTuple2 = 0x86,
  kTuple3 = 0x87,
  kNewTrue = 0x88,
  kNewFalse = 0x89,
  kLong1 = 0x8a,
  kShortBinUnicode = 0x8c,
  kBinUnicode8 = 0x8d,
  kStackGlobal = 0x93,
  kMemoize = 0x94,
  kFrame = 0x95,
};

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::None:
      return "None";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float";
    case Kind::String:
      return "str";
    case Kind::Bytes:
      return "bytes";
    case Kind::Tuple:
      return "tuple";
    case Kind::List:
      return "list";
    case Kind::Dict:
      return "dict";
    case Kind::Global:
      return "global";
    case Kind::Tensor:
      return "tensor";
  }
  return "?";
}

class Machine {
 public:
  Machine(std::string_view bytes, const PickleHooks& hooks, const std::string& source)
      : bytes_(bytes), hooks_(hooks), source_(source) {}

  PickleRef run() {
    size_t opcode_at = 0;
    try {
      while (true) {
        opcode_at = at_;
        const uint8_t opcode = read_u8();
        if (opcode == kStop) break;
        step(opcode);
      }
      if (stack_.size() != 1 || !marks_.empty())
        throw Error("it stopped with " + std::to_string(stack_.size()) + " objects on its stack");
    } catch (const Error& e) {
      throw file_error(source_,
                       "pickle, opcode at byte " + std::to_string(opcode_at) + ": " + e.what());
    }
    return stack_.back();
  }

 private:
  void need(size_t count) const {
    if (bytes_.size() - at_ < count) throw Error("the pickle is truncated");
  }
  uint8_t read_u8() {
    need(1);
    return static_cast<uint8_t>(bytes_[at_++]);
  }
  uint64_t read_le(size_t count) {  // little-endian unsigned
    need(count);
    uint64_t value = 0;
    for (size_t i = 0; i < count; ++i)
      value |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[at_ + i])) << (8 * i);
    at_ += count;
    return value;
  }
  std::string read_bytes(uint64_t count) {
    need(count);
    std::string text(bytes_.substr(at_, count));
    at_ += count;
    return text;
  }
  std::string read_line() {
    const size_t end = bytes_.find('\n', at_);
    if (end == std::string_view::npos) throw Error("the pickle is truncated");
    std::string line(bytes_.substr(at_, end - at_));
    at_ = end + 1;
    return line;
  }

  void push(PickleRef value) { stack_.push_back(std::move(value)); }
  PickleRef pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
      throw Error("an opcode needs an object but the stack is empty");
    PickleRef value = std::move(stack_.back());
    stack_.pop_back();
    return value;
  }
  PickleRef& top() {
    if (stack_.empty()) throw Error("an opcode needs an object but the stack is empty");
    return stack_.back();
  }
  std::vector<PickleRef> pop_to_mark() {
    if (marks_.empty()) throw Error("an opcode needs a MARK but none is open");
    const size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }
  PickleValue& expect(PickleValue& value, Kind kind) const {
    if (value.kind != kind)
      throw Error(std::string("expected a ") + kind_name(kind) + ", found " + value.describe());
    return value;
  }

  PickleRef make_int(int64_t value, Kind kind = Kind::Int) {
    auto ref = PickleValue::make(kind);
    ref->integer = value;
    return ref;
  }
  PickleRef make_text(std::string text, Kind kind) {
    auto ref = PickleValue::make(kind);
    ref->text = std::move(text);
    return ref;
  }
  PickleRef make_sequence(Kind kind, std::vector<PickleRef> items) {
    auto ref = PickleValue::make(kind);
    ref->items = std::move(items);
    return ref;
  }
  void set_items(PickleValue& dict, const std::vector<PickleRef>& pairs) {
    expect(dict, Kind::Dict);
    if (pairs.size() % 2) throw Error("SETITEMS with an odd number of objects");
    for (size_t i = 0; i < pairs.size(); i += 2) dict.entries.emplace_back(pairs[i], pairs[i + 1]);
  }
  void global(const std::string& module, const std::string& name) {
    const std::string full = module + "." + name;
    if (!hooks_.allow_global(full))
      throw Error("refuses the global '" + full +
                  "': only tensors and plain containers are read, never code");
    push(make_text(full, Kind::Global));
  }
  void memo_put(uint64_t index) { memo_[index] = top(); }
  void memo_get(uint64_t index) {
    const auto found = memo_.find(index);
    if (found == memo_.end()) throw Error("memo entry " + std::to_string(index) + " was never put");
    push(found->second);
  }

  void step(uint8_t opcode) {
    switch (opcode) {
      case kProto:
        read_u8();
        return;
      case kFrame:
        read_le(8);
        return;
      case kMark:
        marks_.push_back(stack_.size());
        return;
      case kNone:
        push(PickleValue::make(Kind::None));
        return;
      case kNewTrue:
        push(make_int(1, Kind::Bool));
        return;
      case kNewFalse:
        push(make_int(0, Kind::Bool));
        return;
      case kBinInt:
        push(make_int(static_cast<int32_t>(read_le(4))));
        return;
      case kBinInt1:
        push(make_int(static_cast<int64_t>(read_le(1))));
        return;
      case kBinInt2:
        push(make_int(static_cast<int64_t>(read_le(2))));
        return;
      case kLong1: {
        const uint8_t count = read_u8();
        if (count > 8) throw Error("an integer of " + std::to_string(count) + " bytes");
        uint64_t value = read_le(count);
        if (count > 0 && count < 8 && (value >> (8 * count - 1)) & 1)  // sign-extend
          value |= ~uint64_t{0} << (8 * count);
        push(make_int(static_cast<int64_t>(value)));
        return;
      }
      case kBinFloat: {
        need(8);
        uint64_t bits = 0;
        for (size_t i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<uint8_t>(bytes_[at_ + i]);
        at_ += 8;
        double value;
        std::memcpy(&value, &bits, sizeof value);
        auto ref = PickleValue::make(Kind::Float);
        ref->number = value;
        push(ref);
        return;
      }
      case kBinUnicode:
        push(make_text(read_bytes(read_le(4)), Kind::String));
        return;
      case kShortBinUnicode:
        push(make_text(read_bytes(read_le(1)), Kind::String));
        return;
      case kBinUnicode8:
        push(make_text(read_bytes(read_le(8)), Kind::String));
        return;
      case kBinString:
        push(make_text(read_bytes(read_le(4)), Kind::String));
        return;
      case kShortBinString:
        push(make_text(read_bytes(read_le(1)), Kind::String));
        return;
      case kBinBytes:
        push(make_text(read_bytes(read_le(4)), Kind::Bytes));
        return;
      case kShortBinBytes:
        push(make_text(read_bytes(read_le(1)), Kind::Bytes));
        return;
      case kEmptyTuple:
        push(make_sequence(Kind::Tuple, {}));
        return;
      case kEmptyList:
        push(make_sequence(Kind::List, {}));
        return;
      case kEmptyDict:
        push(PickleValue::make(Kind::Dict));
        return;
      case kTuple:
        push(make_sequence(Kind::Tuple, pop_to_mark()));
        return;
      case kList:
        push(make_sequence(Kind::List, pop_to_mark()));
        return;
      case kTuple1:
      case kTuple2:
      case kTuple3: {
        std::vector<PickleRef> items(static_cast<size_t>(opcode - kTuple1 + 1));
        for (auto item = items.rbegin(); item != items.rend(); ++item) *item = pop();
        push(make_sequence(Kind::Tuple, std::move(items)));
        return;
      }
      case kDict: {
        auto dict = PickleValue::make(Kind::Dict);
        set_items(*dict, pop_to_mark());
        push(dict);
        return;
      }
      case kAppend: {
        auto item = pop();
        expect(*top(), Kind::List).items.push_back(item);
        return;
      }
      case kAppends: {
        auto items = pop_to_mark();
        auto& list = expect(*top(), Kind::List).items;
        list.insert(list.end(), items.begin(), items.end());
        return;
      }
      case kSetItem: {
        auto value = pop();
        auto key = pop();
        set_items(*top(), {key, value});
        return;
      }
      case kSetItems: {
        auto pairs = pop_to_mark();
        set_items(*top(), pairs);
        return;
      }
      case kBinPut:
        memo_put(read_le(1));
        return;
      case kLongBinPut:
        memo_put(read_le(4));
        return;
      case kMemoize:
        memo_put(memo_.size());
        return;
      case kBinGet:
        memo_get(read_le(1));
        return;
      case kLongBinGet:
        memo_get(read_le(4));
        return;
      case kGlobal: {
        const std::string module = read_line();
        global(module, read_line());
        return;
      }
      case kStackGlobal: {
        auto name = pop();
        auto module = pop();
        global(expect(*module, Kind::String).text, expect(*name, Kind::String).text);
        return;
      }
      case kReduce: {
        auto arguments = pop();
        auto callable = pop();
        expect(*callable, Kind::Global);
        expect(*arguments, Kind::Tuple);
        push(hooks_.call(*callable, *arguments));
        return;
      }
      case kBuild: {
        auto state = pop();
        hooks_.build(*top(), *state);
        return;
      }
      case kBinPersId:
        push(hooks_.persistent_load(*pop()));
        return;
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", opcode);
        throw Error(std::string("unsupported opcode ") + hex +
                    " (only plain data and tensors are read)");
      }
    }
  }

  std::string_view bytes_;
  const PickleHooks& hooks_;
  const std::string& source_;
  size_t at_ = 0;
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, PickleRef> memo_;
};

}  // namespace

std::string PickleValue::describe() const {
  if (kind == Kind::Global) return "global " + text;
  if (kind == Kind::Tensor) return "tensor";
  return kind_name(kind);
}

PickleRef unpickle(std::string_view bytes, const PickleHooks& hooks, const std::string& source) {
  return Machine(bytes, hooks, source).run();
}

}  // namespace mnemo::io
