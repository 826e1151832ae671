// Tokenizing text files of any size piece by piece: the files are read in blocks cut at
// whitespace, which no WordPiece or SentencePiece token crosses, so the ids are those of
// tokenizing each whole line, while only one block is ever held. One exception: where two
// SentencePiece segmentations of a word score the same, the tie is broken by float sums over
// the text before it, so block size can flip it (2 of 552,440 Brown tokens differed between
// 64 KiB and 1 MiB blocks: "B an" against "Ba n").
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "mnemo/text/tokenizer.h"

namespace mnemo::text {

// Receives the ids of each block and the bytes read so far over all files.
using TokenSink = std::function<void(const std::vector<int32_t>& ids, uint64_t bytes_read)>;

// Feeds `sink` the ids of the files, in order. An unreadable file is an error naming it.
// Blocks are small because SentencePiece's working memory grows with the text it encodes
// (~55 MB for 1 MiB, measured), which would show as peak memory growing with the input.
void tokenize_files(const std::vector<std::filesystem::path>& files, const Tokenizer& tokenizer,
                    const TokenSink& sink, size_t block_bytes = 64 << 10);

// The total size in bytes of the files (for progress).
uint64_t total_bytes(const std::vector<std::filesystem::path>& files);

}  // namespace mnemo::text
