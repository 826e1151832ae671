#include "mnemo/text/token_stream.h"

#include <fstream>

#include "mnemo/core/error.h"
#include "mnemo/core/strings.h"

namespace mnemo::text {
namespace {

std::vector<int32_t> ids_of(const Tokenizer& tokenizer, std::string_view text) {
  const auto wide = tokenizer.encode(text);
  return std::vector<int32_t>(wide.begin(), wide.end());
}

}  // namespace

void tokenize_files(const std::vector<std::filesystem::path>& files, const Tokenizer& tokenizer,
                    const TokenSink& sink, size_t block_bytes) {
  uint64_t bytes_read = 0;
  std::string block;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string() + ": cannot open for reading");
    std::string carry;  // the text after the last whitespace of the previous block
    while (in) {
      block.resize(block_bytes);
      in.read(block.data(), static_cast<std::streamsize>(block_bytes));
      block.resize(static_cast<size_t>(in.gcount()));
      if (in.bad()) throw Error(file.string() + ": read error");
      bytes_read += block.size();
      block.insert(0, carry);
      // Cut after the last whitespace (at the end of the file, after everything); a block
      // without any is carried whole into the next.
      size_t cut = block.size();
      if (in)
        while (cut > 0 && !is_ascii_space(block[cut - 1])) --cut;
      carry.assign(block, cut, std::string::npos);
      if (cut > 0) sink(ids_of(tokenizer, std::string_view(block).substr(0, cut)), bytes_read);
    }
  }
}

uint64_t total_bytes(const std::vector<std::filesystem::path>& files) {
  uint64_t total = 0;
  for (const auto& file : files) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) throw Error(file.string() + ": " + error.message());
    total += size;
  }
  return total;
}

}  // namespace mnemo::text
