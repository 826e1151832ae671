#include "beb/word_gpt2.h"

#include <torch/torch.h>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/tokenizer.h"
#include "test_support.h"

namespace mnemo::beb {

std::filesystem::path write_word_gpt2(const std::filesystem::path& dir, const std::string& name,
                                      uint64_t seed, bool extra_word, double sharpness) {
  std::string vocab;
  for (const auto* word : kTestWords) vocab += std::string(word) + "\n";
  if (extra_word) vocab += "dog\n";
  std::filesystem::create_directories(dir / (name + "-vocab"));
  testing::write_text(dir / (name + "-vocab") / "vocab.txt", vocab);
  const auto tokenizer = text::load_tokenizer(dir / (name + "-vocab"));
  torch::manual_seed(seed);
  auto config = nn::gpt2_geometry("tiny", tokenizer->vocab_size());
  config.n_positions = 32;
  nn::Gpt2LMHeadModel model(config);
  {
    torch::NoGradGuard no_grad;
    model->ln_f->weight.mul_(sharpness);
  }
  io::AtomicDirectory out(dir / name);
  nn::save_gpt2(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  return dir / name;
}

}  // namespace mnemo::beb
