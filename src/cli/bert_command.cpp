// mnemo bert init: a randomly initialised BERT model directory of a named geometry.
// mnemo bert pretrain: masked-language-model pre-training of such a backbone on text.
#include <torch/torch.h>

#include <iostream>

#include "cli/command.h"
#include "cli/progress_line.h"
#include "cli/task_options.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/nn/bert_checkpoint.h"
#include "mnemo/text/tokenizer.h"
#include "mnemo/train/mlm_pretrainer.h"

namespace mnemo::cli {
namespace {

void run_init(const InitOptions& options) {
  const auto tokenizer = text::load_tokenizer(options.tokenizer);
  torch::manual_seed(options.seed);
  nn::BertModel model(nn::bert_geometry(options.geometry, tokenizer->vocab_size()));
  io::AtomicDirectory out(options.out);
  nn::save_bert(out, *model);
  tokenizer->save(out.staging());
  out.commit();
  std::cout << "wrote " << options.out << ": BERT " << options.geometry << ", "
            << model->config().num_hidden_layers << " layers, d=" << model->config().hidden_size
            << ", vocabulary " << tokenizer->vocab_size() << "\n";
}

struct PretrainOptions {
  std::vector<std::string> data;
  std::string geometry = "small";
  std::string tokenizer;
  std::string out;
  bool resume = false;
  train::MlmSettings settings;
};

void run_pretrain(PretrainOptions options) {
  nn::BertForMaskedLM model{nullptr};
  std::shared_ptr<const text::Tokenizer> tokenizer;
  if (options.resume) {
    model = nn::load_bert_mlm(options.out);
    tokenizer = text::load_tokenizer(options.out);
  } else {
    if (options.tokenizer.empty()) throw Error("bert pretrain: give --tokenizer DIR (or --resume)");
    if (std::filesystem::exists(std::filesystem::path(options.out) / "pretrain_state.json"))
      throw file_error(options.out,
                       "already holds a pre-training run: add --resume, or choose another --out");
    tokenizer = text::load_tokenizer(options.tokenizer);
    torch::manual_seed(options.settings.seed);
    model = nn::BertForMaskedLM(
        nn::BertModel(nn::bert_geometry(options.geometry, tokenizer->vocab_size())));
  }
  if (options.settings.sequence_length == 0)
    options.settings.sequence_length = model->bert->config().max_position_embeddings;
  std::cerr << "reading text from " << options.data.size() << " file(s)...\n";
  const auto corpus = std::make_shared<tasks::NoiseCorpus>(noise_files(options.data), *tokenizer);
  train::MlmPretrainer pretrainer(options.out, model, tokenizer, corpus, options.settings);
  if (options.resume) pretrainer.resume();
  ProgressLine line;
  pretrainer.run([&](const train::MlmProgress& p) {
    char text[160];
    std::snprintf(text, sizeof text, " step %ld/%ld loss %.3f", static_cast<long>(p.step),
                  static_cast<long>(p.steps), p.loss);
    std::string status = progress_bar(p.step, p.steps) + text;
    if (p.validation_loss >= 0) {
      std::snprintf(text, sizeof text, " val loss %.3f masked acc %.1f%%", p.validation_loss,
                    100 * p.validation_accuracy);
      status += text;
    }
    line.update(status + " eta " + format_duration(p.seconds_per_step * (p.steps - p.step)),
                p.validation_loss >= 0 && p.step % options.settings.save_every == 0);
  });
  line.finish();
  std::cout << "wrote " << options.out << ": BERT pre-trained for " << pretrainer.step()
            << " steps (use it with `mnemo rmt train --init " << options.out << "`)\n";
}

}  // namespace

void add_bert_command(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("bert", "BERT backbones");
  group->require_subcommand(1);
  add_init_command(*group, action, "write a randomly initialised BERT model directory",
                   {"small", "tiny", "base"}, run_init);

  auto pretrain_options = std::make_shared<PretrainOptions>();
  auto& s = pretrain_options->settings;
  s.sequence_length = 0;
  auto* pretrain = group->add_subcommand(
      "pretrain", "masked-language-model pre-training (15%: 80% [MASK], 10% random, 10% kept)");
  pretrain->add_option("--data", pretrain_options->data, "plain-text files to learn from")
      ->required();
  pretrain->add_option("--config", pretrain_options->geometry, "geometry: tiny, small or base")
      ->capture_default_str()
      ->check(CLI::IsMember({"tiny", "small", "base"}));
  pretrain->add_option("--tokenizer", pretrain_options->tokenizer, "tokenizer directory")
      ->check(CLI::ExistingDirectory);
  pretrain
      ->add_option("--out", pretrain_options->out,
                   "model directory (Hugging Face BertForMaskedLM), saved atomically")
      ->required();
  pretrain->add_option("--steps", s.steps, "optimizer steps")->capture_default_str();
  pretrain->add_option("--batch", s.batch_size, "sequences per step")->capture_default_str();
  pretrain->add_option(
      "--sequence-length", s.sequence_length,
      "tokens per sequence with [CLS] and [SEP] (default: the geometry's positions)");
  pretrain->add_option("--lr", s.learning_rate, "peak learning rate (AdamW)")
      ->capture_default_str();
  pretrain->add_option("--save-every", s.save_every, "steps between validation and saving")
      ->capture_default_str();
  pretrain->add_option("--seed", s.seed, "random seed")->capture_default_str();
  pretrain->add_flag("--resume", pretrain_options->resume, "continue the run saved in --out");
  pretrain->callback([&action, pretrain_options] {
    action = [pretrain_options] { run_pretrain(*pretrain_options); };
  });
}

}  // namespace mnemo::cli
