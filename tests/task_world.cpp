#include "task_world.h"

#include <torch/torch.h>

#include <algorithm>
#include <sstream>

#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert.h"

namespace mnemo::testing {

TaskWorld::TaskWorld() {
  tokenizer_dir = dir / "tokenizer";
  fs::create_directories(tokenizer_dir);
  const std::vector<std::string> noise_words = {"the", "a",   "cat", "dog",  "sat", "ran",
                                                "on",  "mat", "far", "away", "and", "then"};
  std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n.\n?\n";
  for (const char* word :
       {"mary",   "john",      "daniel",    "sandra", "moved",    "went",    "back",
        "to",     "journeyed", "travelled", "the",    "bathroom", "hallway", "garden",
        "office", "bedroom",   "kitchen",   "where",  "is",       "what",    "of",
        "north",  "east",      "south",     "west"})
    vocab += std::string(word) + "\n";
  for (const auto& word : noise_words)
    if (word != "the" && word != "to") vocab += word + "\n";
  std::string noise_text;
  for (int i = 0; i < kNoiseSentences; ++i) {
    vocab += "s" + std::to_string(i) + "\n";
    // 3 to 9 words: a marker and a few noise words.
    std::string sentence = "s" + std::to_string(i);
    for (int k = 0; k < 2 + (i * 7) % 7; ++k)
      sentence += " " + noise_words[(i * 5 + k * 3) % noise_words.size()];
    noise_text += sentence + ".\n";
  }
  write_text(tokenizer_dir / "vocab.txt", vocab);
  noise_file = dir / "noise.txt";
  write_text(noise_file, noise_text);
  tokenizer = text::load_tokenizer(tokenizer_dir);
  noise = std::make_shared<tasks::NoiseCorpus>(std::vector<fs::path>{noise_file}, *tokenizer);
}

tasks::TaskGenerator TaskWorld::generator(tasks::TaskSpec spec,
                                          std::vector<std::string> labels) const {
  return tasks::TaskGenerator(std::move(spec), tokenizer, noise, std::move(labels));
}

rmt::RmtModel TaskWorld::tiny_rmt(int64_t memory, int64_t segment,
                                  std::vector<std::string> labels) const {
  nn::BertConfig config = nn::bert_geometry("tiny", tokenizer->vocab_size());
  config.hidden_size = 32;
  config.num_attention_heads = 4;
  config.intermediate_size = 64;
  config.max_position_embeddings = segment;
  return rmt::new_rmt(nn::BertModel(config), tokenizer, memory, segment, std::move(labels),
                      tasks::TaskSpec{}.to_json());
}

rmt::DecoderRmtModel TaskWorld::tiny_decoder_rmt(uint64_t seed) const {
  torch::manual_seed(seed);
  auto config = nn::gpt2_geometry("tiny", tokenizer->vocab_size());
  config.n_embd = 32;
  config.n_positions = 64;
  config.eos_token_id = config.bos_token_id = text::end_of_text_id(*tokenizer);
  return {rmt::MemoryDecoder(nn::Gpt2LMHeadModel(config), 2, 24), tokenizer,
          nlohmann::json::object()};
}

void save_rmt_dir(const rmt::RmtModel& model, const fs::path& dir) {
  io::AtomicDirectory out(dir);
  rmt::save_rmt(out, model);
  out.commit();
}

Progress RecordedNotes::progress() {
  Progress progress;
  progress.on_note = [this](const std::string& line) { lines.push_back(line); };
  return progress;
}

bool RecordedNotes::has(const std::string& text) const {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const auto& line) { return line.find(text) != std::string::npos; });
}

std::vector<int32_t> random_tokens(size_t length, int64_t vocab, uint64_t seed) {
  tasks::Random random(seed);
  std::vector<int32_t> tokens(length);
  for (auto& token : tokens) token = static_cast<int32_t>(10 + random.below(vocab - 10));
  return tokens;
}

std::string words(const text::Tokenizer& tokenizer, const std::vector<int32_t>& ids) {
  std::string text;
  for (size_t i = 0; i < ids.size(); ++i) text += (i ? " " : "") + tokenizer.token(ids[i]);
  return text;
}

}  // namespace mnemo::testing
