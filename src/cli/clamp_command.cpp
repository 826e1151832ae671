// mnemo clamp: CLaMP, contrastive language-music pre-training (embed, train, search,
// classify, eval, demo). This file holds the group and `embed`, the building block of the
// others and the way to check parity from outside.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/clamp_options.h"
#include "cli/command.h"
#include "mnemo/clamp/embedding.h"
#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::cli {
namespace {

// "0,713,2" -> {0, 713, 2}.
std::vector<int64_t> parse_ids(const std::string& text) {
  std::vector<int64_t> ids;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto id = parse_integer(item);
    if (!id || *id < 0)
      throw Error("--text-ids: '" + item + "' is not a token id (a whole number >= 0)");
    ids.push_back(*id);
  }
  if (ids.empty()) throw Error("--text-ids: no ids");
  return ids;
}

struct EmbedOptions {
  ClampModelOptions model;
  std::string text;
  std::string text_ids;
  std::string music;
  bool json = false;
};

void run_embed(const EmbedOptions& options) {
  if (options.text.empty() + options.text_ids.empty() + options.music.empty() != 2)
    throw Error("clamp embed: give exactly one of --text, --text-ids and --music");
  auto use = options.model.load();
  torch::Tensor embedding;
  if (!options.music.empty()) {
    const auto patches =
        clamp::abc_to_patches(clamp::read_music_file(options.music), use.patching(), options.music);
    embedding = clamp::embed_patches(*use.model, {patches});
  } else {
    std::vector<int64_t> ids;
    if (!options.text_ids.empty()) {
      ids = parse_ids(options.text_ids);
      const auto vocab = use.model->config().text.vocab_size;
      for (const auto id : ids)
        if (id >= vocab)
          throw Error("--text-ids: " + std::to_string(id) + " is outside the vocabulary of " +
                      std::to_string(vocab));
    } else {
      ids = use.tokenizer().encode(options.text);
    }
    const int64_t pad = use.model->config().text.pad_token_id;
    embedding = clamp::embed_token_ids(*use.model, {ids}, pad);
  }
  const auto values = embedding[0].to(torch::kDouble).contiguous();
  const std::vector<double> numbers(values.data_ptr<double>(),
                                    values.data_ptr<double>() + values.numel());
  if (options.json) {
    std::cout << nlohmann::json{{"embedding", numbers}}.dump() << "\n";
    return;
  }
  std::cout << std::setprecision(9);
  for (size_t i = 0; i < numbers.size(); ++i) std::cout << (i ? " " : "") << numbers[i];
  std::cout << "\n";
}

void add_embed_command(CLI::App& group, Action& action) {
  auto options = std::make_shared<EmbedOptions>();
  auto* command = group.add_subcommand("embed", "the projected embedding of a text or a piece");
  options->model.add_to(*command);
  command->add_option("--text", options->text, "a text (transliterated to ASCII, 128 tokens)");
  command->add_option("--text-ids", options->text_ids,
                      "token ids as they are, e.g. 0,713,2 (<s> ... </s> included)");
  command->add_option("--music", options->music, "an ABC or MIDI file")->check(CLI::ExistingFile);
  command->add_flag("--json", options->json, "print {\"embedding\": [...]} (full precision)");
  command->callback([&action, options] { action = [options] { run_embed(*options); }; });
}

}  // namespace

void add_clamp_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand(
      "clamp", "CLaMP: text-music embeddings, training, semantic search, zero-shot classification");
  group->require_subcommand(1);
  add_embed_command(*group, action);
  add_clamp_pretrain_m3_command(*group, action);
  add_clamp_train_command(*group, action);
  add_clamp_search_command(*group, action);
  add_clamp_classify_command(*group, action);
  add_clamp_eval_command(*group, action);
  add_clamp_demo_command(*group, action);
}

}  // namespace mnemo::cli
