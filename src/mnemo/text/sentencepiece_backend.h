// libsentencepiece carries its own copy of protobuf 3.14 and exports its symbols, while
// libtorch loads the system's protobuf 3.21: linked into one program they interpose and
// crash at start-up. So sentencepiece lives in a small shared library of its own
// (src/sentencepiece_backend/) that is dlopen'ed with RTLD_LOCAL | RTLD_DEEPBIND, and
// reached only through this interface of virtual functions, which needs no symbol lookup.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mnemo::text {

// Every call returns an empty string on success, or the error text.
class SentencePieceBackend {
 public:
  virtual ~SentencePieceBackend() = default;
  virtual std::string load(const std::string& serialized_model) = 0;
  virtual std::string train(const std::unordered_map<std::string, std::string>& arguments,
                            std::string* serialized_model) = 0;
  virtual std::string encode(const std::string& text, std::vector<std::string>* pieces) const = 0;
  virtual std::string encode(const std::string& text, std::vector<int>* ids) const = 0;
  virtual int piece_count() const = 0;
  virtual int piece_to_id(const std::string& piece) const = 0;
  virtual std::string id_to_piece(int id) const = 0;
  virtual int unk_id() const = 0;
};

// A fresh backend from the shared library: $MNEMO_SENTENCEPIECE_LIB, else the one built
// beside this library, else libmnemo_sentencepiece.so next to the running program.
std::unique_ptr<SentencePieceBackend> make_sentencepiece_backend();

}  // namespace mnemo::text

// The one symbol the shared library exports.
extern "C" mnemo::text::SentencePieceBackend* mnemo_sentencepiece_backend_create();
