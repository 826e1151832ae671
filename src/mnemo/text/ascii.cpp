#include "mnemo/text/ascii.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "mnemo/core/error.h"
#include "mnemo/text/unicode.h"

namespace mnemo::text {
namespace {

// Building the transliterator parses ICU's rule files (milliseconds), so it is built once;
// transliterate() is not thread-safe, hence the lock.
struct SharedTransliterator {
  std::mutex mutex;
  std::unique_ptr<icu::Transliterator> transliterator;

  SharedTransliterator() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator.reset(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII"), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !transliterator)
      throw Error(std::string("ICU cannot build the Any-Latin; Latin-ASCII transliterator: ") +
                  u_errorName(status));
  }
};

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string to_ascii(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  if (const auto bad = invalid_utf8_offset(utf8))
    throw Error("text is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  static SharedTransliterator shared;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  {
    std::lock_guard<std::mutex> lock(shared.mutex);
    shared.transliterator->transliterate(text);
  }
  std::string converted;
  text.toUTF8String(converted);
  converted.erase(std::remove_if(converted.begin(), converted.end(),
                                 [](char c) { return static_cast<unsigned char>(c) >= 0x80; }),
                  converted.end());
  return converted;
}

}  // namespace mnemo::text
