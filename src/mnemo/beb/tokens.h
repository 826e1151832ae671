// Token ids of a context or a sentence, kept free of torch so that settings holding them
// (prefixes, an aligning prompt) can be filled on the command line.
#pragma once
#include <cstdint>
#include <vector>

namespace mnemo::beb {

using Tokens = std::vector<int64_t>;

}  // namespace mnemo::beb
