// Forward FLOPs of a transformer (2 per multiply-add), as in Figure 3 of the RMT paper:
// full attention over the whole input against an RMT reading it in segments.
//
// Per layer, for n tokens each attending c tokens (model width d, feed-forward width f):
//   Q, K, V and output projections  8 n d^2
//   attention scores and mixing     4 n c d
//   feed-forward                    4 n d f
// plus the language-model head 2 n d V. Embedding lookups, LayerNorms and softmax are
// left out (well under 1%). Full attention: c = n. RMT with segments of s positions:
// ceil(n / s) segments, each with n = c = s.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mnemo::nn {

struct TransformerShape {
  std::string name;
  int64_t layers = 0, hidden = 0, intermediate = 0, vocab = 0;
};

// OPT-125M ... OPT-175B (Zhang et al. 2022, Table 1); unknown names are an error listing them.
TransformerShape opt_shape(const std::string& name);
std::vector<std::string> opt_names();
// From a Hugging Face config.json: BERT/RoBERTa, OPT or GPT-2 field names.
TransformerShape shape_from_config(const std::filesystem::path& model_dir);

// Every layer over `tokens` tokens that attend `context` tokens each, plus the LM head if asked.
double transformer_forward_flops(const TransformerShape& shape, double tokens, double context,
                                 bool lm_head);
double full_attention_flops(const TransformerShape& shape, double tokens);
double rmt_flops(const TransformerShape& shape, double tokens, int64_t segment);

}  // namespace mnemo::nn
