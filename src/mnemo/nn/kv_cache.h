// The key/value cache of a decoder: what incremental generation keeps between steps.
#pragma once
#include <torch/types.h>

#include <vector>

namespace mnemo::nn {

// Keys and values of the positions seen so far, (B, H, S, head_size) per layer.
struct LayerCache {
  torch::Tensor key, value;
};
using KvCache = std::vector<LayerCache>;

// Positions already in `cache` (0 for an empty one).
inline int64_t cached_length(const KvCache& cache) {
  return cache.empty() || !cache.front().key.defined() ? 0 : cache.front().key.size(2);
}

// Appends this step's keys and values to a layer's cache and returns all of them.
inline std::pair<torch::Tensor, torch::Tensor> extend_cache(LayerCache* cache, torch::Tensor key,
                                                            torch::Tensor value) {
  if (cache) {
    if (cache->key.defined()) {
      key = torch::cat({cache->key, key}, 2);
      value = torch::cat({cache->value, value}, 2);
    }
    cache->key = key;
    cache->value = value;
  }
  return {key, value};
}

}  // namespace mnemo::nn
