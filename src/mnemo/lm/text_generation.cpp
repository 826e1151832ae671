#include "mnemo/lm/text_generation.h"

#include <chrono>

#include "mnemo/core/error.h"
#include "mnemo/lm/generation.h"
#include "mnemo/nn/gpt2_checkpoint.h"
#include "mnemo/text/tokenizer.h"

namespace mnemo::lm {

nlohmann::json GeneratedText::to_json() const {
  return {{"prompt", prompt},
          {"completion", completion},
          {"prompt_tokens", prompt_tokens},
          {"tokens", tokens},
          {"ended_with_eos", ended_with_eos},
          {"seconds", seconds},
          {"tokens_per_s", tokens_per_second()}};
}

GeneratedText generate_text(const TextGenerationSettings& settings,
                            const std::function<void(const std::string&)>& on_text,
                            const Progress& progress) {
  auto loaded = nn::load_gpt2(settings.model);
  if (!loaded.report.missing.empty()) loaded.report.note(progress);
  const auto tokenizer = text::load_tokenizer(settings.model);
  if (tokenizer->vocab_size() > loaded.model->config().vocab_size)
    throw Error(settings.model + ": the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                " tokens, the model's vocab_size is " +
                std::to_string(loaded.model->config().vocab_size));
  GenerationOptions generation;
  generation.max_new_tokens = settings.max_new_tokens;
  generation.sampling = settings.sampling;
  generation.use_cache = settings.use_cache;
  generation.eos_token_id = loaded.model->config().eos_token_id;
  const auto prompt = tokenizer->encode(settings.prompt);

  // Each step decodes everything so far and hands over what is new, once it no longer ends
  // in half a character.
  std::string shown;
  std::vector<int64_t> so_far;
  auto show = [&](int64_t token) {
    if (!on_text || token == generation.eos_token_id) return;
    so_far.push_back(token);
    const std::string text = tokenizer->decode(so_far);
    if (text.size() < shown.size() || text.compare(0, shown.size(), shown) != 0 ||
        text.rfind("\xEF\xBF\xBD") == text.size() - 3)
      return;
    on_text(text.substr(shown.size()));
    shown = text;
  };
  if (on_text) on_text(settings.prompt);
  const auto started = std::chrono::steady_clock::now();
  auto generated = generate(*loaded.model, prompt, generation, torch::Tensor(), show);
  GeneratedText result;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.ended_with_eos = !generated.empty() && generated.back() == generation.eos_token_id;
  if (result.ended_with_eos) generated.pop_back();
  result.prompt = settings.prompt;
  result.completion = tokenizer->decode(generated);
  result.prompt_tokens = static_cast<int64_t>(prompt.size());
  result.tokens = std::move(generated);
  if (on_text && result.completion.size() > shown.size())
    on_text(result.completion.substr(shown.size()));
  return result;
}

}  // namespace mnemo::lm
