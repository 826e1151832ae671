// The SentencePiece backend shared library: libsentencepiece behind the virtual interface
// of mnemo/text/sentencepiece_backend.h, isolated from libtorch's protobuf (see there).
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include "mnemo/text/sentencepiece_backend.h"

namespace {

std::string error_text(const sentencepiece::util::Status& status) {
  return status.ok() ? std::string() : status.ToString();
}

class Backend : public mnemo::text::SentencePieceBackend {
 public:
  std::string load(const std::string& serialized_model) override {
    return error_text(processor_.LoadFromSerializedProto(serialized_model));
  }
  std::string train(const std::unordered_map<std::string, std::string>& arguments,
                    std::string* serialized_model) override {
    auto status = sentencepiece::SentencePieceTrainer::Train(arguments, nullptr, serialized_model);
    if (!status.ok()) return error_text(status);
    return load(*serialized_model);
  }
  std::string encode(const std::string& text, std::vector<std::string>* pieces) const override {
    return error_text(processor_.Encode(text, pieces));
  }
  std::string encode(const std::string& text, std::vector<int>* ids) const override {
    return error_text(processor_.Encode(text, ids));
  }
  int piece_count() const override { return processor_.GetPieceSize(); }
  int piece_to_id(const std::string& piece) const override { return processor_.PieceToId(piece); }
  std::string id_to_piece(int id) const override { return processor_.IdToPiece(id); }
  int unk_id() const override { return processor_.unk_id(); }

 private:
  sentencepiece::SentencePieceProcessor processor_;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) mnemo::text::SentencePieceBackend*
mnemo_sentencepiece_backend_create() {
  return new Backend();
}
