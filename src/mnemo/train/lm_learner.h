// Language modelling with a decoder RMT as a curriculum Learner: a sample of n segments is a
// window of n x segment_size consecutive tokens of the training text at a seeded offset, the
// loss is next-token cross-entropy over every position, and "accuracy" is the share of
// validation tokens predicted right (perplexity: `lm_perplexity`).
#pragma once
#include <memory>
#include <vector>

#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/train/learner.h"

namespace mnemo::train {

// Text files named on the command line as absolute paths; none is an error asking for --data.
std::vector<std::filesystem::path> text_files(const std::vector<std::string>& names);

// The tokens of text files, end-of-text between files; the last `validation_fraction` of
// the tokens is the validation part.
class TokenText {
 public:
  TokenText(const std::vector<std::filesystem::path>& files, const text::Tokenizer& tokenizer,
            double validation_fraction = 0.01);

  // `length` consecutive tokens of the part from a random offset, (length) int64.
  torch::Tensor window(tasks::Random& random, tasks::Split split, int64_t length) const;
  size_t tokens(tasks::Split split) const;

 private:
  std::vector<int32_t> tokens_;
  size_t validation_begin_ = 0;
};

class LmLearner : public Learner {
 public:
  LmLearner(rmt::DecoderRmtModel rmt, std::shared_ptr<const TokenText> text);

  std::vector<torch::Tensor> parameters() const override;
  double accumulate_batch(const BatchRequest& request, const TrainSettings& settings) override;
  Tally accuracy(const tasks::SampleSet& set, const TrainSettings& settings) override;
  void save(const io::AtomicDirectory& out) const override;
  void load_weights(const std::filesystem::path& dir) override;

 private:
  torch::Tensor windows(tasks::Split split, int64_t segments, int64_t first, int64_t count,
                        const SampleRandom& random) const;

  rmt::DecoderRmtModel rmt_;
  std::shared_ptr<const TokenText> text_;
};

struct Perplexity {
  double loss = 0;  // mean next-token cross-entropy, nats
  double perplexity = 0;
  int64_t tokens = 0;  // predicted tokens
};

// Perplexity of the model on `windows` validation windows of `segments` segments.
Perplexity lm_perplexity(rmt::MemoryDecoderImpl& model, const TokenText& text,
                         const tasks::SampleSet& set, int64_t batch);

}  // namespace mnemo::train
